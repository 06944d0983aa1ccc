package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipTransaction;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.Tones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IVR menus with real RTP: the server answers, plays the uploaded announcement, the caller chooses by RFC 4733
 * DTMF (or SIP INFO), hears ringback while the chosen ring group rings, and is joined to the member who
 * answers by a re-INVITE carrying that member's SDP.
 */
class IvrIT extends ContainerTest {
  private PhoneMedia callerMedia;
  private PhoneMedia agentMedia;

  @BeforeEach
  void media() {
    callerMedia = new PhoneMedia();
    agentMedia = new PhoneMedia();
  }

  @AfterEach
  void closeMedia() {
    callerMedia.close();
    agentMedia.close();
  }

  @Test
  void aCallerChoosesByKeyAndLandsOnTheRightRingGroup() throws Exception {
    Party alice = caller();
    Party info = callee();
    Party support = callee();
    String announcement = recording(600);
    String infoGroup = ringGroup(info);
    String supportGroup = ringGroup(support);
    String ivr = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ivrs/" + ivr, "{\"name\":\"Main menu\",\"announcement\":\"" + announcement
        + "\",\"keys\":{\"1\":\"ringgroup:" + infoGroup + "\",\"2\":\"ringgroup:" + supportGroup + "\"},"
        + "\"repeatKey\":\"3\"}").statusCode());
    List<SipCall> ins = listen(List.of(info, support));

    SipCall out = enter(alice, ivr);
    short[] heard = PhoneMedia.pcm(callerMedia.receive(25));
    assertTrue(Tones.power(heard, 600) > 100 * Tones.power(heard, 1000), "the announcement is the uploaded recording");
    callerMedia.press('3');
    callerMedia.clear();
    assertTrue(Tones.power(PhoneMedia.pcm(callerMedia.receive(25)), 600) > 0, "3 repeats the announcement");
    JsonNode live = liveCall(out);
    assertEquals("IVR/" + ivr, live.path("media").asText(), "the call is listed in the menu: " + live);
    assertEquals("ANSWERED", live.path("phase").asText(), live.toString());
    callerMedia.press('2');

    SipCall agent = ins.get(1);
    assertTrue(agent.waitForIncomingCall(TIMEOUT), "2 rings the support group: " + agent.format());
    assertEquals(0, agent.getLastReceivedRequest().getRawContent() == null ? 0
        : agent.getLastReceivedRequest().getRawContent().length, "the leg offers no SDP (late offer)");
    assertTrue(agent.sendIncomingCallResponse(180, "Ringing", 0), agent.format());
    callerMedia.clear();
    short[] ringback = PhoneMedia.pcm(callerMedia.receive(25));
    assertTrue(Tones.power(ringback, 440) > 100 * Tones.power(ringback, 600), "the caller hears ringback");

    assertTrue(out.listenForReinvite(), out.format());
    assertTrue(agent.sendIncomingCallResponse(200, "OK", 0, agentMedia.sdp(), "application", "sdp", null, null),
        agent.format());
    SipTransaction join = out.waitForReinvite(TIMEOUT);
    assertNotNull(join, "the caller is re-INVITEd: " + out.format());
    String offer = new String(join.getServerTransaction().getRequest().getRawContent(), StandardCharsets.UTF_8);
    assertEquals(agentMedia.port(), AudioOffer.parse(offer).port(), "with the agent's SDP: " + offer);
    assertTrue(out.respondToReinvite(join, 200, "OK", 0, null, null, callerMedia.sdp(), "application", "sdp"),
        out.format());
    assertTrue(agent.waitForAck(TIMEOUT), agent.format());
    String ackSdp = new String(agent.getLastReceivedRequest().getRawContent(), StandardCharsets.UTF_8);
    assertEquals(callerMedia.port(), AudioOffer.parse(ackSdp).port(), "the agent's ACK carries the caller's answer");
    assertFalse(ins.get(0).waitForIncomingCall(100), "the info group never rings");

    hangUp(new Established(out, agent));
    JsonNode r = closedRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertEquals("RingGroup", r.path("lastapp").asText(), "the record says where the caller went: " + r);
    assertEquals("ext-group", r.path("dcontext").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + support.number() + "-"), "joined to: " + r);
  }

  @Test
  void directDialReachesAnExtensionByItsNumber() throws Exception {
    Party alice = caller();
    Party bob = callee();
    String ivr = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ivrs/" + ivr, "{\"name\":\"Dial by number\",\"keys\":{\"0\":\"hangup\"},"
        + "\"directDial\":true}").statusCode());
    SipCall in = listen(List.of(bob)).get(0);
    SipCall out = enter(alice, ivr);
    assertTrue(out.listenForDisconnect(), out.format());
    for (char digit : bob.number().toCharArray()) {
      callerMedia.press(digit);
    }
    assertTrue(in.waitForIncomingCall(TIMEOUT), "the dialled extension rings: " + in.format());
    ring(in);
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertTrue(out.waitForDisconnect(TIMEOUT), "busy with nowhere else to go: the server hangs up " + out.format());
    assertTrue(out.respondToDisconnect(), out.format());
  }

  @Test
  void silenceIsRetriedThenTheTimeoutDestinationRings() throws Exception {
    Party alice = caller();
    Party operator = callee();
    String ivr = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ivrs/" + ivr, "{\"name\":\"Night\",\"keys\":{},\"timeout\":1,"
        + "\"timeoutRetries\":1,\"timeoutDestination\":\"extension:" + operator.number() + "\"}").statusCode());
    SipCall in = listen(List.of(operator)).get(0);

    SipCall out = enter(alice, ivr);
    short[] sorry = PhoneMedia.pcm(callerMedia.receive(50));
    assertTrue(PhoneMedia.rms(sorry) > 300, "after a second of silence: the built-in 'did not hear' prompt");
    assertTrue(in.waitForIncomingCall(3 * TIMEOUT), "then the timeout destination rings: " + in.format());
    ring(in);
    assertTrue(out.disconnect(), "the caller gives up while it rings: " + out.format());
    answerCancel(in, TIMEOUT);
    JsonNode r = closedRecordOf(alice);
    assertEquals("Dial", r.path("lastapp").asText(), r.toString());
    assertEquals("ANSWERED", r.path("disposition").asText(), "the IVR answered: " + r);
  }

  @Test
  void anInvalidKeyBySipInfoUsesUpTheRetriesAndHangsUp() throws Exception {
    Party alice = caller();
    String ivr = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ivrs/" + ivr, "{\"name\":\"Strict\",\"keys\":{\"1\":\"hangup\"},"
        + "\"invalidRetries\":0}").statusCode());
    SipCall out = enter(alice, ivr);
    assertTrue(out.listenForDisconnect(), out.format());
    javax.sip.Dialog dialog = out.getDialog();
    javax.sip.message.Request info = dialog.createRequest(javax.sip.message.Request.INFO);
    info.setContent("9", alice.phone().getParent().getHeaderFactory().createContentTypeHeader("application", "dtmf"));
    SipTransaction t = alice.phone().sendRequestWithTransaction(info, false, dialog);
    Object answer = alice.phone().waitResponse(t, TIMEOUT);
    assertTrue(answer instanceof javax.sip.ResponseEvent e && e.getResponse().getStatusCode() == 200, "INFO: " + answer);
    assertTrue(out.waitForDisconnect(TIMEOUT), "an invalid key with no retries left hangs up: " + out.format());
    assertTrue(out.respondToDisconnect(), out.format());
    JsonNode r = closedRecordOf(alice);
    assertEquals("IVR", r.path("lastapp").asText(), r.toString());
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
  }

  @Test
  void badIvrsAreRefusedNamingTheFieldAndUsedRecordingsAreKept() throws Exception {
    String rec = recording(500);
    String ivr = uniqueNumber();
    String path = "/api/v1/ivrs/" + ivr;
    assertField(api.put(path, "{\"keys\":{}}"), "name");
    assertField(api.put(path, "{\"name\":\"x\",\"keys\":{\"12\":\"hangup\"}}"), "keys.12");
    assertField(api.put(path, "{\"name\":\"x\",\"keys\":{\"1\":\"ringgroup:99999998\"}}"), "keys.1");
    assertField(api.put(path, "{\"name\":\"x\",\"keys\":{\"1\":7}}"), "keys.1");
    assertField(api.put(path, "{\"name\":\"x\",\"keys\":{\"1\":\"hangup\"},\"repeatKey\":\"1\"}"), "repeatKey");
    assertField(api.put(path, "{\"name\":\"x\",\"announcement\":\"no-such-recording\"}"), "announcement");
    assertField(api.put(path, "{\"name\":\"x\",\"timeout\":0}"), "timeout");
    assertField(api.put(path, "{\"name\":\"x\",\"invalidRetries\":11}"), "invalidRetries");
    assertField(api.put(path, "{\"name\":\"x\",\"colour\":\"red\"}"), "colour");
    assertEquals(404, api.get(path).statusCode(), "nothing was stored");
    Party ext = callee();
    assertEquals(409, api.put("/api/v1/ivrs/" + ext.number(), "{\"name\":\"x\"}").statusCode(), "an extension's number");

    assertEquals(201, api.put(path, "{\"name\":\"Menu\",\"announcement\":\"" + rec + "\",\"keys\":{\"0\":\"extension:"
        + ext.number() + "\",\"#\":\"busy\"}}").statusCode());
    JsonNode stored = json(api.get(path));
    assertEquals(10, stored.path("timeout").asInt(), "FreePBX's default timeout: " + stored);
    assertEquals(3, stored.path("invalidRetries").asInt(), stored.toString());
    assertEquals("hangup", stored.path("timeoutDestination").asText(), stored.toString());
    assertEquals("extension:" + ext.number(), stored.path("keys").path("0").asText(), stored.toString());
    assertEquals(409, api.delete("/api/v1/recordings/" + rec).statusCode(), "the IVR still plays it");
    assertEquals(200, api.get("/api/v1/recordings/" + rec).statusCode(), "and it is kept");
    assertEquals(409, api.post("/api/v1/extensions", "{\"number\":\"" + ivr + "\",\"name\":\"x\",\"secret\":\"s3cret-x1\"}",
        "application/json").statusCode(), "an IVR's number is taken");
    assertEquals(204, api.delete(path).statusCode());
    assertEquals(204, api.delete("/api/v1/recordings/" + rec).statusCode());
  }

  /** The caller's call as /api/v1/calls lists it. */
  private JsonNode liveCall(SipCall out) {
    for (JsonNode call : json(api.get("/api/v1/calls"))) {
      if (call.path("callId").asText().equals(callIdOf(out))) {
        return call;
      }
    }
    throw new AssertionError("not listed: " + callIdOf(out));
  }

  /** The caller dials the IVR with audio; the server answers with its own SDP and the caller acknowledges. */
  private SipCall enter(Party caller, String ivr) {
    SipCall out = phones.dial(caller.phone(), caller.number(), caller.secret(), uriOf(ivr), callerMedia.sdp());
    assertEquals(200, finalResponse(out), "the server answers for the IVR: " + out.format());
    callerMedia.connect(new String(out.getLastReceivedResponse().getRawContent(), StandardCharsets.UTF_8));
    assertTrue(out.sendInviteOkAck(), out.format());
    return out;
  }

  private String recording(int hz) throws Exception {
    String name = "menu-" + uniqueNumber();
    assertEquals(201, api.upload("/api/v1/recordings", Map.of("name", name), name + ".wav",
        Tones.wav(8000, 16, 1, 2.0, hz)).statusCode());
    return name;
  }

  private String ringGroup(Party member) {
    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group, "{\"strategy\":\"ringall\",\"ringTime\":20,\"members\":[\""
        + member.number() + "\"],\"noAnswer\":\"hangup\"}").statusCode());
    return group;
  }
}
