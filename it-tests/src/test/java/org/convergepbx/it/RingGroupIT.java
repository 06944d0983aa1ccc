package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sip.message.Request;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipTransaction;
import org.junit.jupiter.api.Test;

/**
 * Ring groups through the real container: members are SipUnit phones that ring (180) when called; the group's
 * strategy decides who rings when, and the B2BUA cancels every leg that loses.
 */
class RingGroupIT extends ContainerTest {
  @Test
  void ringallRingsEveryMemberAndCancelsTheOthersOnAnswer() {
    Party alice = caller();
    List<Party> members = List.of(callee(), callee(), callee());
    String group = ringGroup("ringall", 20, members, "hangup", "Sales: ");
    List<SipCall> ins = listen(members);
    SipCall out = dial(alice, uriOf(group));

    for (SipCall in : ins) {
      ring(in);
      String from = ((Request) in.getLastReceivedRequest().getMessage()).getHeader("From").toString();
      assertTrue(from.contains("\"Sales: "), "the group's prefix is put before the caller's name: " + from);
    }
    awaitStatus(out, 180);
    assertTrue(ins.get(1).sendIncomingCallResponse(200, "OK", 0), ins.get(1).format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(ins.get(1).waitForAck(TIMEOUT), ins.get(1).format());
    answerCancel(ins.get(0), 2 * TIMEOUT);
    answerCancel(ins.get(2), 2 * TIMEOUT);
    hangUp(new Established(out, ins.get(1)));

    JsonNode r = closedRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertEquals("RingGroup", r.path("lastapp").asText(), r.toString());
    assertEquals("ext-group", r.path("dcontext").asText(), r.toString());
    assertEquals(group + ",ringall,20", r.path("lastdata").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + members.get(1).number() + "-"), r.toString());
  }

  @Test
  void huntRingsOneMemberAtATimeForTheRingTime() {
    List<Party> members = List.of(callee(), callee());
    String group = ringGroup("hunt", 2, members, "hangup", "");
    List<SipCall> ins = listen(members);
    SipCall out = dial(caller(), uriOf(group));

    long first = ring(ins.get(0));
    answerCancel(ins.get(0), 2 * TIMEOUT);
    long second = ring(ins.get(1));
    assertWithinHalfASecond(2000, second - first, "the second member rings after the first one's ring time");
    answerAndHangUp(out, ins.get(1));
  }

  @Test
  void busyMemberIsSkippedAtOnce() {
    List<Party> members = List.of(callee(), callee());
    String group = ringGroup("hunt", 20, members, "hangup", "");
    List<SipCall> ins = listen(members);
    SipCall out = dial(caller(), uriOf(group));

    long first = ring(ins.get(0));
    assertTrue(ins.get(0).sendIncomingCallResponse(486, "Busy Here", 0), ins.get(0).format());
    long second = ring(ins.get(1));
    assertTrue(second - first < 1000, "a busy member does not hold the hunt up: " + (second - first) + " ms");
    answerAndHangUp(out, ins.get(1));
  }

  @Test
  void memoryhuntKeepsTheEarlierMembersRinging() {
    List<Party> members = List.of(callee(), callee());
    String group = ringGroup("memoryhunt", 2, members, "hangup", "");
    List<SipCall> ins = listen(members);
    SipCall out = dial(caller(), uriOf(group));

    long first = ring(ins.get(0));
    long second = ring(ins.get(1));
    assertWithinHalfASecond(2000, second - first, "the second member joins after the ring time");
    assertTrue(ins.get(0).sendIncomingCallResponse(200, "OK", 0), "the first member still rings: " + ins.get(0).format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    answerCancel(ins.get(1), 2 * TIMEOUT);
    hangUp(new Established(out, ins.get(0)));
  }

  @Test
  void unansweredGroupSendsTheCallToItsNoAnswerDestination() {
    Party alice = caller();
    Party member = callee();
    Party operator = callee();
    String group = ringGroup("ringall", 1, List.of(member), "extension:" + operator.number(), "");
    List<SipCall> ins = listen(List.of(member, operator));
    SipCall out = dial(alice, uriOf(group));

    ring(ins.get(0));
    answerCancel(ins.get(0), 2 * TIMEOUT);
    ring(ins.get(1));
    answerAndHangUp(out, ins.get(1));

    JsonNode r = closedRecordOf(alice);
    assertEquals("Dial", r.path("lastapp").asText(), "the record says which feature had the call last: " + r);
    assertEquals("from-internal", r.path("dcontext").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + operator.number() + "-"), r.toString());
  }

  @Test
  void everyoneBusyEndsAtABusyDestination() {
    Party member = callee();
    String group = ringGroup("ringall", 20, List.of(member), "busy", "");
    SipCall in = listen(List.of(member)).get(0);
    SipCall out = dial(caller(), uriOf(group));
    ring(in);
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertEquals(486, finalResponse(out), out.format());
  }

  @Test
  void callerHangingUpMidHuntCancelsTheRingingLeg() {
    Party alice = caller();
    List<Party> members = List.of(callee(), callee());
    String group = ringGroup("hunt", 20, members, "hangup", "");
    List<SipCall> ins = listen(members);
    SipCall out = dial(alice, uriOf(group));
    ring(ins.get(0));
    awaitStatus(out, 180);

    SipTransaction cancel = out.sendCancel();
    assertNotNull(cancel, out.format());
    answerCancel(ins.get(0), 2 * TIMEOUT);
    assertTrue(out.waitForCancelResponse(cancel, TIMEOUT), out.format());
    assertEquals(487, finalResponse(out), out.format());
    assertFalse(ins.get(1).waitForIncomingCall(HALF_SECOND_MS), "the hunt stops with the caller");

    JsonNode r = closedRecordOf(alice);
    assertEquals("NO ANSWER", r.path("disposition").asText(), r.toString());
    assertEquals(487, r.path("sipCode").asInt(), r.toString());
  }

  @Test
  void leastrecentSharesThirtyCallsFairly() {
    List<Party> members = List.of(callee(), callee(), callee());
    String group = ringGroup("leastrecent", 20, members, "hangup", "");
    Map<String, Integer> answered = answerWhoeverRingsFirst(group, members, 30);
    assertEquals(Map.of(members.get(0).number(), 10, members.get(1).number(), 10, members.get(2).number(), 10), answered);
  }

  @Test
  void randomRingsEveryMemberFirstSometimes() {
    List<Party> members = List.of(callee(), callee(), callee());
    String group = ringGroup("random", 20, members, "hangup", "");
    Map<String, Integer> answered = answerWhoeverRingsFirst(group, members, 25);
    assertEquals(3, answered.size(), "over 25 calls each member rings first at least once: " + answered);
  }

  @Test
  void badConfigurationIsRefusedNamingTheField() {
    Party member = callee();
    String a = uniqueNumber();
    String b = uniqueNumber();
    assertEquals(201, put(a, "ringall", 10, List.of(member.number()), "hangup").statusCode());
    assertEquals(201, put(b, "hunt", 10, List.of(member.number()), "ringgroup:" + a).statusCode());

    assertField(put(a, "ringall", 10, List.of(member.number()), "ringgroup:" + b), "noAnswer");
    assertField(put(a, "ringall", 10, List.of(member.number()), "ringgroup:" + a), "noAnswer");
    assertField(put(a, "ringall", 10, List.of(member.number(), "nobody"), "hangup"), "members[1]");
    assertField(put(a, "ringall", 10, List.of(member.number(), member.number()), "hangup"), "members[1]");
    assertField(put(a, "firstavailable", 10, List.of(member.number()), "hangup"), "strategy");
    assertField(put(a, "ringall", 0, List.of(member.number()), "hangup"), "ringTime");
    assertField(put(a, "ringall", 10, List.of(member.number()), "voicemail:1"), "noAnswer");
    assertField(api.put("/api/v1/ringgroups/" + a, "{\"strategy\":\"ringall\",\"colour\":\"red\"}"), "colour");
    assertField(api.put("/api/v1/ringgroups/" + a, "{\"strategy\":"), "body");
    JsonNode kept = json(api.get("/api/v1/ringgroups/" + a));
    assertEquals("hangup", kept.path("noAnswer").asText(), "a refused change leaves the group as it was: " + kept);
    Party other = callee();
    assertEquals(200, put(a, "hunt", 10, List.of(other.number(), member.number()), "hangup").statusCode());
    JsonNode replaced = json(api.get("/api/v1/ringgroups/" + a));
    assertEquals(other.number(), replaced.path("members").get(0).asText(), replaced.toString());
    assertEquals(member.number(), replaced.path("members").get(1).asText(), replaced.toString());

    assertEquals(409, put(member.number(), "ringall", 10, List.of(member.number()), "hangup").statusCode());
    assertEquals(409, api.createExtension(a, "Clash", "secret-" + a).statusCode());
    assertEquals(409, api.delete("/api/v1/ringgroups/" + a).statusCode(), "group " + b + " still sends calls to it");
    assertEquals(204, api.delete("/api/v1/ringgroups/" + b).statusCode());
    assertEquals(204, api.delete("/api/v1/ringgroups/" + a).statusCode());
    assertEquals(404, api.get("/api/v1/ringgroups/" + a).statusCode());
  }

  /**
   * Places {@code calls} calls to the group; each time the member whose phone rings first answers. A new caller
   * places every ten calls (an extension may start {@code PBX_EXTENSION_CALLS_PER_MINUTE}, 20, calls a minute).
   */
  private Map<String, Integer> answerWhoeverRingsFirst(String group, List<Party> members, int calls) {
    Party alice = null;
    Map<String, Integer> answered = new HashMap<>();
    for (int i = 0; i < calls; i++) {
      if (i % 10 == 0) {
        alice = caller();
      }
      List<SipCall> ins = listen(members);
      SipCall out = dial(alice, uriOf(group));
      int first = firstToRing(ins);
      ring(ins.get(first));
      answerAndHangUp(out, ins.get(first));
      answered.merge(members.get(first).number(), 1, Integer::sum);
      ins.forEach(SipCall::dispose);
    }
    return answered;
  }

  private static int firstToRing(List<SipCall> ins) {
    long deadline = System.currentTimeMillis() + TIMEOUT;
    while (System.currentTimeMillis() < deadline) {
      for (int i = 0; i < ins.size(); i++) {
        if (ins.get(i).waitForIncomingCall(20)) {
          return i;
        }
      }
    }
    throw new AssertionError("no member rang");
  }

  private String ringGroup(String strategy, int ringTime, List<Party> members, String noAnswer, String prefix) {
    String number = uniqueNumber();
    List<String> numbers = members.stream().map(Party::number).toList();
    HttpResponse<String> r =
        api.put("/api/v1/ringgroups/" + number, body(strategy, ringTime, numbers, noAnswer, prefix));
    assertEquals(201, r.statusCode(), r.body());
    return number;
  }

  private HttpResponse<String> put(String number, String strategy, int ringTime, List<String> members, String noAnswer) {
    return api.put("/api/v1/ringgroups/" + number, body(strategy, ringTime, members, noAnswer, ""));
  }

  private static String body(String strategy, int ringTime, List<String> members, String noAnswer, String prefix) {
    String list = members.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","));
    return "{\"description\":\"test group\",\"strategy\":\"" + strategy + "\",\"ringTime\":" + ringTime
        + ",\"members\":[" + list + "],\"noAnswer\":\"" + noAnswer + "\",\"callerIdPrefix\":\"" + prefix + "\"}";
  }












}
