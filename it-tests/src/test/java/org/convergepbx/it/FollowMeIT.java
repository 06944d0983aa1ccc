package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.cafesip.sipunit.SipCall;
import org.junit.jupiter.api.Test;

/** Follow Me through the real container: the extension alone first, then its list, then the no-answer destination. */
class FollowMeIT extends ContainerTest {

  @Test
  void initialRingThenTheListTogetherWithTheExtension() {
    Party alice = caller();
    Party desk = callee();
    Party mobile = callee();
    followMe(desk, true, 2, List.of(mobile), 10, "ringall", "hangup");
    List<SipCall> ins = listen(List.of(desk, mobile));
    SipCall out = dial(alice, desk.uri());

    long deskRang = ring(ins.get(0));
    long mobileRang = ring(ins.get(1));
    assertWithinHalfASecond(2000, mobileRang - deskRang, "the list rings after the initial ring time");
    answerAndHangUpCancelling(out, ins.get(1), ins.get(0));

    JsonNode r = closedRecordOf(alice);
    assertEquals("FollowMe", r.path("lastapp").asText(), r.toString());
    assertEquals("ext-findmefollow", r.path("dcontext").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + mobile.number() + "-"), r.toString());
  }

  @Test
  void huntThroughTheListThenTheNoAnswerDestination() {
    Party desk = callee();
    Party first = callee();
    Party second = callee();
    Party operator = callee();
    followMe(desk, true, 0, List.of(first, second), 1, "hunt", "extension:" + operator.number());
    List<SipCall> ins = listen(List.of(desk, first, second, operator));
    SipCall out = dial(caller(), desk.uri());

    long firstRang = ring(ins.get(1));
    answerCancel(ins.get(1), 2 * TIMEOUT);
    long secondRang = ring(ins.get(2));
    assertWithinHalfASecond(1000, secondRang - firstRang, "each member rings for the ring time");
    answerCancel(ins.get(2), 2 * TIMEOUT);
    ring(ins.get(3));
    answerAndHangUp(out, ins.get(3));
    assertFalse(ins.get(0).waitForIncomingCall(100), "with no initial ring time and hunt, the extension itself does not ring");
  }

  @Test
  void disabledFollowMeLeavesTheExtensionAlone() {
    Party desk = callee();
    Party mobile = callee();
    followMe(desk, false, 0, List.of(mobile), 10, "ringall", "hangup");
    List<SipCall> ins = listen(List.of(desk, mobile));
    SipCall out = dial(caller(), desk.uri());
    ring(ins.get(0));
    answerAndHangUp(out, ins.get(0));
    assertFalse(ins.get(1).waitForIncomingCall(100), "a disabled Follow Me rings nobody else");
  }

  @Test
  void badFollowMeIsRefusedNamingTheField() {
    Party desk = callee();
    Party mobile = callee();
    String path = "/api/v1/extensions/" + desk.number() + "/followme";
    assertEquals(404, api.get(path).statusCode(), "no Follow Me yet");
    assertEquals(404, api.put("/api/v1/extensions/99999999/followme", body(true, 0, List.of(mobile.number()), 10, "ringall", "hangup")).statusCode());
    assertField(api.put(path, body(true, 0, List.of(mobile.number()), 10, "roundrobin", "hangup")), "strategy");
    assertField(api.put(path, body(true, 61, List.of(mobile.number()), 10, "ringall", "hangup")), "initialRingTime");
    assertField(api.put(path, body(true, 0, List.of("nobody"), 10, "ringall", "hangup")), "members[0]");
    assertField(api.put(path, body(true, 0, List.of(mobile.number()), 10, "ringall", "ringgroup:1")), "noAnswer");
    assertField(api.put(path, "{\"enabled\":\"yes\"}"), "enabled");

    String group = uniqueNumber();
    String groupBody = "{\"strategy\":\"ringall\",\"ringTime\":10,\"members\":[\"" + mobile.number()
        + "\"],\"noAnswer\":\"extension:" + desk.number() + "\"}";
    assertEquals(201, api.put("/api/v1/ringgroups/" + group, groupBody).statusCode());
    assertField(api.put(path, body(true, 0, List.of(mobile.number()), 10, "ringall", "ringgroup:" + group)), "noAnswer");

    assertEquals(201, api.put(path, body(true, 0, List.of(mobile.number()), 10, "ringall", "hangup")).statusCode());
    assertEquals(200, api.put(path, body(false, 5, List.of(desk.number(), mobile.number()), 20, "hunt", "busy")).statusCode());
    JsonNode stored = json(api.get(path));
    assertEquals(2, stored.path("members").size(), "the list was replaced: " + stored);
    assertEquals(desk.number(), stored.path("members").get(0).asText(), stored.toString());
    assertEquals(false, stored.path("enabled").asBoolean(), stored.toString());
    assertEquals("hunt", stored.path("strategy").asText(), stored.toString());
    assertEquals(204, api.delete(path).statusCode());
    assertEquals(404, api.get(path).statusCode());
  }

  /** The member answers; the other phone still ringing is cancelled. */
  private static void answerAndHangUpCancelling(SipCall out, SipCall answering, SipCall other) {
    assertTrue(answering.sendIncomingCallResponse(200, "OK", 0), answering.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    answerCancel(other, 2 * TIMEOUT);
    assertTrue(answering.waitForAck(TIMEOUT), answering.format());
    hangUp(new Established(out, answering));
  }

  private void followMe(Party extension, boolean enabled, int initial, List<Party> members, int ringTime, String strategy, String noAnswer) {
    HttpResponse<String> r =
        api.put(
            "/api/v1/extensions/" + extension.number() + "/followme",
            body(enabled, initial, members.stream().map(Party::number).toList(), ringTime, strategy, noAnswer));
    assertEquals(201, r.statusCode(), r.body());
  }

  private static String body(boolean enabled, int initial, List<String> members, int ringTime, String strategy, String noAnswer) {
    String list = String.join("\",\"", members);
    return "{\"enabled\":" + enabled + ",\"initialRingTime\":" + initial + ",\"members\":[\"" + list
        + "\"],\"ringTime\":" + ringTime + ",\"strategy\":\"" + strategy + "\",\"noAnswer\":\"" + noAnswer + "\"}";
  }
}
