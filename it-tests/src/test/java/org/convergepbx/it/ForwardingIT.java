package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cafesip.sipunit.SipCall;
import org.junit.jupiter.api.Test;

/**
 * Call forwarding and do-not-disturb, set from the phone with FreePBX's feature codes (the server answers the
 * code and hangs up) or over HTTP, and what callers then get.
 */
class ForwardingIT extends ContainerTest {

  @Test
  void forwardAllSetFromThePhoneSendsCallsElsewhereUntilCleared() {
    Party bob = callee();
    Party carol = callee();
    dialFeature(bob, "*72" + carol.number());
    assertEquals(carol.number(), forwarding(bob).path("unconditional").asText());

    List<SipCall> ins = listen(List.of(bob, carol));
    SipCall out = dial(caller(), bob.uri());
    ring(ins.get(1));
    answerAndHangUp(out, ins.get(1));
    assertFalse(ins.get(0).waitForIncomingCall(100), "a forwarded extension does not ring");

    dialFeature(bob, "*73");
    assertTrue(forwarding(bob).path("unconditional").isNull(), forwarding(bob).toString());
  }

  @Test
  void doNotDisturbAnswersBusyUntilItIsTurnedOff() {
    Party alice = caller();
    Party bob = callee();
    dialFeature(bob, "*78");
    assertEquals(486, finalResponse(dial(alice, bob.uri())));

    dialFeature(bob, "*79");
    SipCall in = listen(List.of(bob)).get(0);
    SipCall out = dial(alice, bob.uri());
    ring(in);
    answerAndHangUp(out, in);
  }

  @Test
  void busyForwardTakesTheCallWhenTheExtensionIsBusy() {
    Party bob = callee();
    Party carol = callee();
    dialFeature(bob, "*90" + carol.number());
    List<SipCall> ins = listen(List.of(bob, carol));
    SipCall out = dial(caller(), bob.uri());
    ring(ins.get(0));
    assertTrue(ins.get(0).sendIncomingCallResponse(486, "Busy Here", 0), ins.get(0).format());
    ring(ins.get(1));
    answerAndHangUp(out, ins.get(1));
  }

  @Test
  void noAnswerForwardTakesTheCallWhenTheExtensionCannotAnswer() {
    Party alice = caller();
    Party bob = callee();
    Party carol = callee();
    assertEquals(200, api.put(path(bob), "{\"noAnswer\":\"" + carol.number() + "\",\"doNotDisturb\":false}").statusCode());
    List<SipCall> ins = listen(List.of(bob, carol));
    SipCall out = dial(alice, bob.uri());
    ring(ins.get(0));
    assertTrue(ins.get(0).sendIncomingCallResponse(480, "Temporarily Unavailable", 0), ins.get(0).format());
    ring(ins.get(1));
    answerAndHangUp(out, ins.get(1));

    JsonNode r = closedRecordOf(alice);
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + carol.number() + "-"), r.toString());
  }

  @Test
  void badCodesAndSettingsAreRefused() {
    Party bob = callee();
    Party carol = callee();
    assertEquals(484, finalResponse(dial(bob, "sip:*99@" + Phones.DOMAIN)), "an unknown code");
    assertEquals(484, finalResponse(dial(bob, "sip:*72@" + Phones.DOMAIN)), "*72 needs a number");
    assertEquals(404, finalResponse(dial(bob, "sip:*7299999999@" + Phones.DOMAIN)), "the target is no extension");
    assertTrue(forwarding(bob).path("unconditional").isNull(), "nothing was changed: " + forwarding(bob));

    assertEquals(200, api.put(path(carol), "{\"unconditional\":\"" + bob.number() + "\",\"doNotDisturb\":false}").statusCode());
    assertField(api.put(path(bob), "{\"unconditional\":\"" + carol.number() + "\",\"doNotDisturb\":false}"), "unconditional");
    assertField(api.put(path(bob), "{\"busy\":\"nobody\",\"doNotDisturb\":false}"), "busy");
    assertField(api.put(path(bob), "{\"unconditional\":null}"), "doNotDisturb");
    assertField(api.put(path(bob), "{\"doNotDisturb\":false,\"always\":true}"), "always");
    assertEquals(404, api.get("/api/v1/extensions/99999999/forwarding").statusCode());
  }

  /** The extension dials a feature code: the server answers (every stream declined) and hangs up. */
  private void dialFeature(Party extension, String code) {
    SipCall out = dial(extension, "sip:" + code + "@" + Phones.DOMAIN);
    assertEquals(200, finalResponse(out), out.format());
    String sdp = new String(out.getLastReceivedResponse().getRawContent());
    assertTrue(sdp.contains("m=audio 0 "), "the confirmation call carries no media: " + sdp);
    assertTrue(out.listenForDisconnect(), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(out.waitForDisconnect(TIMEOUT), "the server hangs up after the code: " + out.format());
    assertTrue(out.respondToDisconnect(), out.format());
  }

  private JsonNode forwarding(Party extension) {
    return json(api.get(path(extension)));
  }

  private static String path(Party extension) {
    return "/api/v1/extensions/" + extension.number() + "/forwarding";
  }
}
