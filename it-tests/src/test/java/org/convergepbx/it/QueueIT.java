package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipTransaction;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.Tones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Call queues with real phones and RTP: the caller is answered by the server and hears music while agents ring
 * by the queue's strategy; the agent who answers is joined to the caller by a re-INVITE. The queue log is read
 * back through the reports, and the live view through {@code /api/v1/queues/{n}/live}.
 */
class QueueIT extends ContainerTest {
  private final List<PhoneMedia> media = new ArrayList<>();

  @AfterEach
  void closeMedia() {
    media.forEach(PhoneMedia::close);
  }

  @Test
  void aWaitingCallerHearsMusicWhileRingallRingsEveryAgentAndIsJoinedToTheOneWhoAnswers() throws Exception {
    List<Party> agents = List.of(callee(), callee());
    Party alice = caller();
    String queue = queue("ringall", agents, "");
    List<SipCall> ins = listen(agents);

    Waiting w = enter(alice, queue);
    short[] heard = PhoneMedia.pcm(w.media().receive(50));
    assertTrue(PhoneMedia.rms(heard) > 100, "the caller hears music on hold: rms " + PhoneMedia.rms(heard));
    ring(ins.get(0));
    ring(ins.get(1));
    JsonNode live = json(api.get("/api/v1/queues/" + queue + "/live"));
    assertEquals(alice.number(), live.path("callers").path(0).path("caller").asText(), live.toString());
    assertEquals("RINGING", live.path("callers").path(0).path("state").asText(), live.toString());
    assertEquals("RINGING", live.path("agents").path(0).path("state").asText(), live.toString());
    assertTrue(PhoneMedia.rms(PhoneMedia.pcm(w.media().receive(25))) > 100, "music goes on while agents ring");

    Established call = answer(w, ins.get(1));
    answerCancel(ins.get(0), TIMEOUT);
    live = json(api.get("/api/v1/queues/" + queue + "/live"));
    assertEquals(0, live.path("callers").size(), "nobody waits any more: " + live);
    assertEquals("BUSY", live.path("agents").path(1).path("state").asText(), live.toString());
    assertTrue(call.in().disconnect(), "the agent hangs up: " + call.in().format());
    assertTrue(call.out().waitForDisconnect(TIMEOUT), call.out().format());
    assertTrue(call.out().respondToDisconnect(), call.out().format());

    JsonNode r = closedRecordOf(alice);
    assertEquals("Queue", r.path("lastapp").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + agents.get(1).number() + "-"), r.toString());
    JsonNode row = report(queue).path("queues").path(0);
    assertEquals(1, row.path("offered").asInt(), row.toString());
    assertEquals(1, row.path("answered").asInt(), row.toString());
    assertEquals(100.0, row.path("serviceLevelPercent").asDouble(), row.toString());
    List<String> events = events(queue, alice);
    assertEquals(List.of("ENTERQUEUE", "CONNECT", "COMPLETEAGENT"), events);
  }

  @Test
  void linearRingsInOrderAndARingNoAnswerMovesOnToTheNextAgent() throws Exception {
    List<Party> agents = List.of(callee(), callee(), callee());
    Party alice = caller();
    String queue = queue("linear", agents, ",\"memberTimeout\":1,\"retry\":0");
    List<SipCall> ins = listen(agents);
    Waiting w = enter(alice, queue);
    long first = ring(ins.get(0));
    answerCancel(ins.get(0), 2 * TIMEOUT);
    long second = ring(ins.get(1));
    assertWithinHalfASecond(1000, second - first, "the next agent rings after the member timeout");
    assertFalse(ins.get(2).waitForIncomingCall(100), "the third agent does not ring yet");
    Established call = answer(w, ins.get(1));
    hangUp(call);
    assertEquals(List.of("ENTERQUEUE", "RINGNOANSWER", "CONNECT", "COMPLETECALLER"), events(queue, alice));
    JsonNode agentsReport = json(api.get("/api/v1/queues/report/agents?queue=" + queue)).path("agents");
    assertEquals(1, agentsReport.path(0).path("ringNoAnswer").asInt(), agentsReport.toString());
    assertEquals(1, agentsReport.path(1).path("answered").asInt(), agentsReport.toString());
  }

  @Test
  void rrmemoryGoesRoundTheAgentsOverThirtyCalls() throws Exception {
    List<Party> agents = List.of(callee(), callee(), callee());
    String queue = queue("rrmemory", agents, "");
    List<Integer> order = answerThirtyCalls(queue, agents);
    assertEquals(List.of(0, 1, 2, 0, 1, 2), order.subList(0, 6), "round robin from the first agent");
    assertEquals(Map.of(0, 10, 1, 10, 2, 10), counts(order));
  }

  @Test
  void leastrecentSharesThirtyCallsFairly() throws Exception {
    List<Party> agents = List.of(callee(), callee(), callee());
    String queue = queue("leastrecent", agents, "");
    assertEquals(Map.of(0, 10, 1, 10, 2, 10), counts(answerThirtyCalls(queue, agents)));
  }

  @Test
  void fewestcallsRingsTheAgentWithFewestCallsAndRandomReachesEveryAgent() throws Exception {
    List<Party> agents = List.of(callee(), callee(), callee());
    String fewest = queue("fewestcalls", agents, "");
    List<Integer> order = answerCalls(fewest, agents, 6);
    assertEquals(List.of(0, 1, 2, 0, 1, 2), order, "fewest completed calls first, ties in member order");
    String random = queue("random", agents, "");
    assertEquals(3, counts(answerCalls(random, agents, 30)).size(), "over 30 calls every agent is rung");
  }

  @Test
  void anAgentAlreadyOnACallIsSkippedUnlessTheQueueRingsMembersInUse() throws Exception {
    Party busy = callee();
    Party free = callee();
    Established other = establish(caller(), busy);
    String queue = queue("linear", List.of(busy, free), "");
    List<SipCall> ins = listen(List.of(busy, free));
    Waiting w = enter(caller(), queue);
    ring(ins.get(1));
    assertFalse(ins.get(0).waitForIncomingCall(200), "the first agent is on a call: skipped");
    JsonNode agents = json(api.get("/api/v1/queues/" + queue + "/agents"));
    assertEquals("IN_USE", agents.path(0).path("state").asText(), agents.toString());
    hangUp(answer(w, ins.get(1)));

    String inUse = queue("linear", List.of(busy, free), ",\"ringInUse\":true");
    ins = listen(List.of(busy, free));
    Waiting second = enter(caller(), inUse);
    ring(ins.get(0));
    hangUp(answer(second, ins.get(0)));
    hangUp(other);
  }

  @Test
  void wrapUpTimeIsRespectedBeforeTheAgentRingsAgain() throws Exception {
    Party agent = callee();
    String queue = queue("ringall", List.of(agent), ",\"wrapUp\":2");
    Established call = answer(enter(caller(), queue), ring(listen(List.of(agent)).get(0), agent));
    hangUp(call);
    long ended = System.nanoTime() / 1_000_000;
    SipCall in = listen(List.of(agent)).get(0);
    enter(caller(), queue);
    long rang = ring(in);
    assertWithinHalfASecond(2000, rang - ended, "the agent rings again once its wrap-up time is over");
  }

  @Test
  void aCallerWhoHangsUpWhileWaitingIsAnAbandon() throws Exception {
    Party agent = callee();
    Party alice = caller();
    String queue = queue("ringall", List.of(agent), "");
    SipCall in = listen(List.of(agent)).get(0);
    Waiting w = enter(alice, queue);
    ring(in);
    assertTrue(w.out().disconnect(), w.out().format());
    answerCancel(in, TIMEOUT);
    assertEquals(List.of("ENTERQUEUE", "ABANDON"), events(queue, alice));
    JsonNode row = report(queue).path("queues").path(0);
    assertEquals(1, row.path("abandoned").asInt(), row.toString());
    assertEquals(0.0, row.path("serviceLevelPercent").asDouble(), row.toString());
  }

  @Test
  void theMaximumWaitSendsTheCallerToTheFailoverDestination() throws Exception {
    Party operator = callee();
    Party alice = caller();
    String queue = uniqueNumber();
    assertEquals(201, api.put("/api/v1/queues/" + queue, "{\"name\":\"Nobody\",\"maxWait\":2,\"failover\":\"extension:"
        + operator.number() + "\"}").statusCode());
    SipCall in = listen(List.of(operator)).get(0);
    Waiting w = enter(alice, queue);
    long entered = System.nanoTime() / 1_000_000;
    long rang = ring(in);
    assertWithinHalfASecond(2000, rang - entered, "the failover destination rings after the maximum wait");
    Established call = answer(w, in);
    hangUp(call);
    assertEquals(List.of("ENTERQUEUE", "EXITWITHTIMEOUT"), events(queue, alice));
    JsonNode r = closedRecordOf(alice);
    assertEquals("Dial", r.path("lastapp").asText(), "the record follows the caller to the operator: " + r);
  }

  @Test
  void theExitKeyTakesTheCallerToItsDestination() throws Exception {
    Party agent = callee();
    Party alice = caller();
    String queue = queue("ringall", List.of(agent), ",\"exitKey\":\"0\",\"exitDestination\":\"hangup\"");
    SipCall in = listen(List.of(agent)).get(0);
    Waiting w = enter(alice, queue);
    ring(in);
    assertTrue(w.out().listenForDisconnect(), w.out().format());
    w.media().press('0');
    answerCancel(in, TIMEOUT);
    assertTrue(w.out().waitForDisconnect(TIMEOUT), "0 leaves for 'hangup': " + w.out().format());
    assertTrue(w.out().respondToDisconnect(), w.out().format());
    assertEquals(List.of("ENTERQUEUE", "EXITWITHKEY"), events(queue, alice));
  }

  @Test
  void fullAndEmptyQueuesSendCallersToTheFailoverDestination() throws Exception {
    Party agent = callee();
    String queue = queue("ringall", List.of(agent),
        ",\"maxCallers\":1,\"joinEmpty\":false,\"leaveWhenEmpty\":true,\"failover\":\"busy\"");
    SipCall in = listen(List.of(agent)).get(0);
    Party first = caller();
    Waiting w = enter(first, queue);
    ring(in);
    Party second = caller();
    assertEquals(486, finalResponse(dialWithAudio(second, queue)), "the queue is full: busy");

    assertTrue(w.out().listenForDisconnect(), w.out().format());
    var paused = api.put("/api/v1/queues/" + queue + "/agents/" + agent.number(), "{\"paused\":true}");
    assertEquals(200, paused.statusCode(), paused.body());
    assertEquals("PAUSED", json(paused).path("state").asText(), paused.body());
    answerCancel(in, 2 * TIMEOUT);
    assertTrue(w.out().waitForDisconnect(2 * TIMEOUT), "nobody is left to answer: the caller leaves " + w.out().format());
    assertTrue(w.out().respondToDisconnect(), w.out().format());
    Party third = caller();
    assertEquals(486, finalResponse(dialWithAudio(third, queue)), "an empty queue is not joined");

    assertEquals(List.of("ENTERQUEUE", "EXITEMPTY"), events(queue, first));
    assertEquals(List.of("FULL"), events(queue, second));
    assertEquals(List.of("JOINEMPTY"), events(queue, third));
    JsonNode row = report(queue).path("queues").path(0);
    assertEquals(3, row.path("offered").asInt(), row.toString());
    assertEquals(1, row.path("full").asInt(), row.toString());
    assertEquals(2, row.path("leftEmpty").asInt(), row.toString());
  }

  @Test
  void periodicAnnouncementsBreakTheQueuesOwnMusic() throws Exception {
    String music = "music-" + uniqueNumber();
    assertEquals(201, api.upload("/api/v1/recordings", Map.of("name", music), music + ".wav",
        Tones.wav(8000, 16, 1, 2.0, 300)).statusCode());
    String queue = uniqueNumber();
    assertEquals(201, api.put("/api/v1/queues/" + queue, "{\"name\":\"Announced\",\"music\":\"" + music
        + "\",\"announceFrequency\":2,\"announceHoldTime\":false}").statusCode());
    Party alice = caller();
    Waiting w = enter(alice, queue);
    short[] first = PhoneMedia.pcm(w.media().receive(25));
    double music300 = Tones.power(first, 300);
    assertTrue(music300 > 100 * Tones.power(first, 1000), "the queue's music is the uploaded recording");
    JsonNode live = null;
    for (JsonNode call : json(api.get("/api/v1/calls"))) {
      if (call.path("caller").asText().equals(alice.number())) {
        live = call;
      }
    }
    assertNotNull(live, "the waiting call is listed");
    assertEquals("Queue/" + queue, live.path("media").asText(), live.toString());

    boolean spoken = false;
    boolean musicAgain = false;
    for (int window = 0; window < 16 && !musicAgain; window++) {
      short[] heard = PhoneMedia.pcm(w.media().receive(25));
      if (!spoken && Tones.power(heard, 300) < music300 / 100 && PhoneMedia.rms(heard) > 300) {
        spoken = true;
      } else if (spoken && Tones.power(heard, 300) > music300 / 4) {
        musicAgain = true;
      }
    }
    assertTrue(spoken, "within 8 s the music gives way to the spoken position");
    assertTrue(musicAgain, "then the music comes back");
    assertTrue(w.out().disconnect(), w.out().format());
    assertEquals(List.of("ENTERQUEUE", "ABANDON"), events(queue, alice));
  }

  @Test
  void agentsLogInPauseAndLogOutByFeatureCode() throws Exception {
    Party agent = callee();
    String queue = queue("ringall", List.of(), "");
    dialCode(agent, "*45" + queue);
    JsonNode agents = json(api.get("/api/v1/queues/" + queue + "/agents"));
    assertEquals(agent.number(), agents.path(0).path("extension").asText(), agents.toString());
    assertTrue(agents.path(0).path("dynamic").asBoolean(), agents.toString());
    assertEquals("AVAILABLE", agents.path(0).path("state").asText(), agents.toString());

    SipCall in = listen(List.of(agent)).get(0);
    Waiting w = enter(caller(), queue);
    hangUp(answer(w, ring(in, agent)));

    dialCode(agent, "*46");
    assertEquals("PAUSED", json(api.get("/api/v1/queues/" + queue + "/agents")).path(0).path("state").asText());
    in = listen(List.of(agent)).get(0);
    Waiting paused = enter(caller(), queue);
    assertFalse(in.waitForIncomingCall(1500), "a paused agent is not rung: " + in.format());
    dialCode(agent, "*46");
    ring(in);
    hangUp(answer(paused, in));

    dialCode(agent, "*45" + queue);
    assertEquals(0, json(api.get("/api/v1/queues/" + queue + "/agents")).size(), "logged out");
    List<String> agentEvents = new ArrayList<>();
    for (JsonNode e : queueLog(queue)) {
      if (agent.number().equals(e.path("agent").asText()) && e.path("callId").asText().equals("NONE")) {
        agentEvents.add(e.path("event").asText());
      }
    }
    assertEquals(List.of("ADDMEMBER", "PAUSE", "UNPAUSE", "REMOVEMEMBER"), agentEvents);
    SipCall refused = dial(agent, "sip:*45@" + Phones.DOMAIN);
    assertEquals(484, finalResponse(refused), "*45 needs the queue's number: " + refused.format());
  }

  @Test
  void badQueuesAreRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    Party member = callee();
    String queue = uniqueNumber();
    String path = "/api/v1/queues/" + queue;
    assertField(api.put(path, "{\"strategy\":\"ringall\"}"), "name");
    assertField(api.put(path, "{\"name\":\"q\",\"strategy\":\"roundrobin\"}"), "strategy");
    assertField(api.put(path, "{\"name\":\"q\",\"members\":[\"" + member.number() + "\",\"nobody\"]}"), "members[1]");
    assertField(api.put(path, "{\"name\":\"q\",\"memberTimeout\":0}"), "memberTimeout");
    assertField(api.put(path, "{\"name\":\"q\",\"exitKey\":\"12\",\"exitDestination\":\"hangup\"}"), "exitKey");
    assertField(api.put(path, "{\"name\":\"q\",\"exitKey\":\"1\"}"), "exitDestination");
    assertField(api.put(path, "{\"name\":\"q\",\"failover\":\"queue:" + queue + "\"}"), "failover");
    assertField(api.put(path, "{\"name\":\"q\",\"music\":\"no-such-recording\"}"), "music");
    assertField(api.put(path, "{\"name\":\"q\",\"maxWait\":\"long\"}"), "maxWait");
    assertEquals(404, api.get(path).statusCode(), "nothing was stored");
    assertEquals(409, api.put("/api/v1/queues/" + member.number(), "{\"name\":\"q\"}").statusCode(), "an extension's number");

    String music = "music-" + uniqueNumber();
    assertEquals(201, api.upload("/api/v1/recordings", Map.of("name", music), music + ".wav",
        Tones.wav(8000, 16, 1, 1.0, 300)).statusCode());
    assertEquals(201, api.put(path, "{\"name\":\"Sales\",\"music\":\"" + music + "\"}").statusCode());
    JsonNode stored = json(api.get(path));
    assertEquals("ringall", stored.path("strategy").asText(), stored.toString());
    assertEquals(15, stored.path("memberTimeout").asInt(), "FreePBX's default member timeout: " + stored);
    assertEquals("hangup", stored.path("failover").asText(), stored.toString());
    assertEquals(409, api.delete("/api/v1/recordings/" + music).statusCode(), "the queue plays it");
    assertEquals(409, api.post("/api/v1/extensions", "{\"number\":\"" + queue + "\",\"name\":\"x\",\"secret\":\"s3cret-x1\"}",
        "application/json").statusCode(), "a queue's number is taken");
    assertField(api.put(path + "/agents/99999997", ""), "extension");
    assertField(api.get("/api/v1/queues/report?from=yesterday"), "from");
    assertEquals(204, api.delete(path).statusCode());
    assertEquals(204, api.delete("/api/v1/recordings/" + music).statusCode());
  }

  /** A caller in the queue: its call (answered by the server) and its audio. */
  private record Waiting(SipCall out, PhoneMedia media) {}

  private Waiting enter(Party caller, String queue) {
    PhoneMedia m = new PhoneMedia();
    media.add(m);
    SipCall out = phones.dial(caller.phone(), caller.number(), caller.secret(), uriOf(queue), m.sdp());
    assertEquals(200, finalResponse(out), "the server answers for the queue: " + out.format());
    m.connect(new String(out.getLastReceivedResponse().getRawContent(), StandardCharsets.UTF_8));
    assertTrue(out.sendInviteOkAck(), out.format());
    return new Waiting(out, m);
  }

  /** The caller dials the queue offering audio, and is not acknowledged (the answer is expected to fail). */
  private SipCall dialWithAudio(Party caller, String queue) {
    PhoneMedia m = new PhoneMedia();
    media.add(m);
    return phones.dial(caller.phone(), caller.number(), caller.secret(), uriOf(queue), m.sdp());
  }

  /** The agent's ringing phone answers with its SDP; the caller is re-INVITEd with it and answers. */
  private Established answer(Waiting w, SipCall agent) {
    PhoneMedia agentMedia = new PhoneMedia();
    media.add(agentMedia);
    assertTrue(w.out().listenForReinvite(), w.out().format());
    assertTrue(agent.sendIncomingCallResponse(200, "OK", 0, agentMedia.sdp(), "application", "sdp", null, null),
        agent.format());
    SipTransaction join = w.out().waitForReinvite(TIMEOUT);
    assertNotNull(join, "the caller is re-INVITEd: " + w.out().format());
    String offer = new String(join.getServerTransaction().getRequest().getRawContent(), StandardCharsets.UTF_8);
    assertEquals(agentMedia.port(), AudioOffer.parse(offer).port(), "with the agent's SDP: " + offer);
    assertTrue(w.out().respondToReinvite(join, 200, "OK", 0, null, null, w.media().sdp(), "application", "sdp"),
        w.out().format());
    assertTrue(agent.waitForAck(TIMEOUT), agent.format());
    return new Established(w.out(), agent);
  }

  /** The agent's phone rings (180) and is returned. */
  private static SipCall ring(SipCall in, Party agent) {
    ring(in);
    return in;
  }

  /** Thirty calls, each answered by whichever agent rings, then hung up; the agents' indexes in call order. */
  private List<Integer> answerThirtyCalls(String queue, List<Party> agents) {
    return answerCalls(queue, agents, 30);
  }

  /**
   * Calls, each answered by whichever agent rings, then hung up; the agents' indexes in call order. A new caller
   * places every ten calls (an extension may start {@code PBX_EXTENSION_CALLS_PER_MINUTE}, 20, calls a minute).
   */
  private List<Integer> answerCalls(String queue, List<Party> agents, int calls) {
    Party alice = null;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      if (i % 10 == 0) {
        alice = caller();
      }
      List<SipCall> ins = listen(agents);
      Waiting w = enter(alice, queue);
      int first = firstToRing(ins);
      ring(ins.get(first));
      hangUp(answer(w, ins.get(first)));
      order.add(first);
      ins.forEach(SipCall::dispose);
      w.media().close();
    }
    return order;
  }

  private static int firstToRing(List<SipCall> ins) {
    long deadline = System.currentTimeMillis() + 2 * TIMEOUT;
    while (System.currentTimeMillis() < deadline) {
      for (int i = 0; i < ins.size(); i++) {
        if (ins.get(i).waitForIncomingCall(20)) {
          return i;
        }
      }
    }
    throw new AssertionError("no agent rang");
  }

  private static Map<Integer, Integer> counts(List<Integer> order) {
    Map<Integer, Integer> counts = new HashMap<>();
    order.forEach(i -> counts.merge(i, 1, Integer::sum));
    return counts;
  }

  private String queue(String strategy, List<Party> members, String more) {
    String number = uniqueNumber();
    StringBuilder list = new StringBuilder();
    for (Party m : members) {
      list.append(list.length() == 0 ? "" : ",").append('"').append(m.number()).append('"');
    }
    var r = api.put("/api/v1/queues/" + number, "{\"name\":\"Queue " + number + "\",\"strategy\":\"" + strategy
        + "\",\"members\":[" + list + "],\"announceFrequency\":0" + more + "}");
    assertEquals(201, r.statusCode(), r.body());
    return number;
  }

  private JsonNode report(String queue) {
    return json(api.get("/api/v1/queues/report?queue=" + queue));
  }

  /** The queue log of the queue, oldest first. */
  private JsonNode queueLog(String queue) {
    return json(api.get("/api/v1/queues/" + queue + "/log"));
  }

  /** The queue log events of the caller's call, in order. */
  private List<String> events(String queue, Party caller) {
    String record = closedRecordOf(caller).path("uniqueid").asText();
    List<String> events = new ArrayList<>();
    for (JsonNode e : queueLog(queue)) {
      if (record.equals(e.path("callId").asText())) {
        events.add(e.path("event").asText());
      }
    }
    return events;
  }

  /** A feature code's call: answered, then the server hangs up. */
  private void dialCode(Party phone, String code) {
    SipCall out = dial(phone, "sip:" + code + "@" + Phones.DOMAIN);
    assertEquals(200, finalResponse(out), code + ": " + out.format());
    assertTrue(out.listenForDisconnect(), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(out.waitForDisconnect(TIMEOUT), out.format());
    assertTrue(out.respondToDisconnect(), out.format());
  }
}
