package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.cafesip.sipunit.SipTransaction;
import org.junit.jupiter.api.Test;

/** Calls between extensions through the real container: the caller and callees are SipUnit phones. */
class CallIT extends ContainerTest {
  private static final String SDP_HOLD =
      "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\na=sendonly\r\n";

  @Test
  void answeredCallIsSetUpAndTornDownThroughTheServer() {
    Established call = establish(caller(), callee());
    hangUp(call);
  }

  @Test
  void reInviteOfAnEstablishedCallTravelsTheRecordRoute() {
    Established call = establish(caller(), callee());
    SipCall out = call.out();
    SipCall in = call.in();

    assertTrue(in.listenForReinvite(), in.format());
    SipTransaction reinvite = out.sendReinvite(null, null, SDP_HOLD, "application", "sdp");
    assertNotNull(reinvite, out.format());
    SipTransaction received = in.waitForReinvite(TIMEOUT);
    assertNotNull(received, in.format());
    assertTrue(
        in.respondToReinvite(received, 200, "OK", 0, null, null, SDP_HOLD, "application", "sdp"),
        in.format());
    assertTrue(out.waitReinviteResponse(reinvite, TIMEOUT), out.format());
    assertEquals(200, out.getReturnCode(), out.format());
    assertTrue(out.sendReinviteOkAck(reinvite), out.format());

    hangUp(call);
  }

  @Test
  void liveCallIsReadOverHttpThroughItsApplicationSession() {
    Party bob = callee();
    Established call = establish(caller(), bob);

    String list = api.get("/api/v1/calls").body();
    Matcher href =
        Pattern.compile("\"callee\":\"" + bob.number + "\"[^}]*\"href\":\"([^\"]+)\"").matcher(list);
    assertTrue(href.find(), list);
    HttpResponse<String> viaSession = api.getAbsolute(href.group(1));
    assertEquals(200, viaSession.statusCode(), viaSession.body());
    assertTrue(viaSession.body().contains("\"phase\":\"ANSWERED\""), viaSession.body());
    assertTrue(viaSession.body().contains("\"callee\":\"" + bob.number + "\""), viaSession.body());

    hangUp(call);
    assertEquals(404, api.get("/api/v1/calls/current").statusCode());
    assertEquals(404, api.get("/api/v1/calls/current?unknown=1").statusCode());
    String after = api.get("/api/v1/calls").body();
    assertFalse(after.contains("\"callee\":\"" + bob.number + "\""), "an ended call is no longer live: " + after);
  }

  @Test
  void busyPartyIsReportedToTheCaller() {
    Party alice = caller();
    Party bob = callee();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    SipCall out = dial(alice, bob.uri());

    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());

    assertEquals(486, finalResponse(out), out.format());
  }

  @Test
  void cancelStopsTheRingingPhone() {
    Party alice = caller();
    Party bob = callee();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    SipCall out = dial(alice, bob.uri());
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    awaitStatus(out, 180);

    SipTransaction cancel = out.sendCancel();
    assertNotNull(cancel, out.format());

    SipTransaction received = in.waitForCancel(TIMEOUT);
    assertNotNull(received, in.format());
    assertTrue(in.respondToCancel(received, 200, "OK", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(487, "Request Terminated", 0), in.format());
    assertTrue(out.waitForCancelResponse(cancel, TIMEOUT), out.format());
    assertEquals(487, finalResponse(out), out.format());
  }

  @Test
  void unknownNumberIsNotFound() {
    SipCall out = dial(caller(), "sip:" + uniqueNumber() + "99@" + Phones.DOMAIN);
    assertEquals(404, finalResponse(out), out.format());
  }

  @Test
  void knownButUnregisteredExtensionIsTemporarilyUnavailable() {
    Party alice = caller();
    String bob = uniqueNumber();
    api.provision(bob, "secret-" + bob);
    SipCall out = dial(alice, "sip:" + bob + "@" + Phones.DOMAIN);
    assertEquals(480, finalResponse(out), out.format());
  }

  @Test
  void callForksToEveryContactAndCancelsTheOthersOnAnswer() {
    Party alice = caller();
    Party desk = callee();
    SipPhone mobile = phones.phone(desk.number, desk.secret);
    assertTrue(mobile.register(desk.number, desk.secret, null, 600, TIMEOUT), mobile.format());

    SipCall onDesk = desk.phone.createSipCall();
    SipCall onMobile = mobile.createSipCall();
    assertTrue(onDesk.listenForIncomingCall());
    assertTrue(onMobile.listenForIncomingCall());
    SipCall out = dial(alice, desk.uri());

    assertTrue(onDesk.waitForIncomingCall(TIMEOUT), onDesk.format());
    assertTrue(onMobile.waitForIncomingCall(TIMEOUT), onMobile.format());
    assertTrue(onMobile.sendIncomingCallResponse(180, "Ringing", 0), onMobile.format());
    CompletableFuture<SipTransaction> mobileCancel =
        CompletableFuture.supplyAsync(() -> onMobile.waitForCancel(2 * TIMEOUT));
    assertTrue(onDesk.sendIncomingCallResponse(200, "OK", 0), onDesk.format());

    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    SipTransaction cancel = mobileCancel.join();
    assertNotNull(cancel, "the phone that did not answer must be cancelled: " + onMobile.format());
    assertTrue(onMobile.respondToCancel(cancel, 200, "OK", 0), onMobile.format());
    assertTrue(onDesk.waitForAck(TIMEOUT), onDesk.format());

    assertTrue(out.disconnect(), out.format());
    assertTrue(onDesk.waitForDisconnect(TIMEOUT), onDesk.format());
    assertTrue(onDesk.respondToDisconnect(), onDesk.format());
  }

  @Test
  void unauthenticatedInviteIsChallengedBeforeAnyRouting() {
    String bob = uniqueNumber();
    api.provision(bob, "secret-" + bob);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      raw.send(
          raw.request("INVITE", "sip:" + bob + "@" + Phones.DOMAIN, "intruder", bob, "noauth-" + bob, 1)
              + "Contact: <sip:intruder@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
      String answer = raw.awaitFinalResponse((int) TIMEOUT);
      assertNotNull(answer);
      assertTrue(answer.startsWith("SIP/2.0 407"), answer);
      assertTrue(answer.contains("Proxy-Authenticate: Digest"), answer);
    }
  }

  private Party caller() {
    String number = uniqueNumber();
    api.provision(number, "secret-" + number);
    return new Party(number, "secret-" + number, phones.phone(number, "secret-" + number));
  }

  private Party callee() {
    String number = uniqueNumber();
    String secret = "secret-" + number;
    api.provision(number, secret);
    SipPhone phone = phones.phone(number, secret);
    assertTrue(phone.register(number, secret, null, 600, TIMEOUT), phone.format());
    return new Party(number, secret, phone);
  }

  /** A call from {@code caller} answered by {@code callee}: INVITE (with 407), 180, 200, ACK. */
  private Established establish(Party caller, Party callee) {
    SipCall in = callee.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    SipCall out = dial(caller, callee.uri());
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(
        out.getLastReceivedResponse().getMessage().getHeader("Record-Route") != null,
        "the server must stay in the dialog: " + out.getLastReceivedResponse().getMessage());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());
    return new Established(out, in);
  }

  /** The caller hangs up; the BYE reaches the callee along the record-route. */
  private static void hangUp(Established call) {
    assertTrue(call.out().disconnect(), call.out().format());
    assertTrue(call.in().waitForDisconnect(TIMEOUT), call.in().format());
    assertTrue(call.in().respondToDisconnect(), call.in().format());
  }

  /** Places the call with the caller's credentials. */
  private SipCall dial(Party caller, String uri) {
    return phones.dial(caller.phone(), caller.number(), caller.secret(), uri);
  }

  /** Waits for the caller's final response. */
  private static int finalResponse(SipCall call) {
    long deadline = System.currentTimeMillis() + 2 * TIMEOUT;
    while (System.currentTimeMillis() < deadline) {
      if (!call.waitOutgoingCallResponse(TIMEOUT)) {
        break;
      }
      if (call.getReturnCode() >= 200) {
        return call.getReturnCode();
      }
    }
    return call.getReturnCode();
  }

  private static void awaitStatus(SipCall call, int status) {
    long deadline = System.currentTimeMillis() + 2 * TIMEOUT;
    while (call.getReturnCode() != status && System.currentTimeMillis() < deadline) {
      assertTrue(call.waitOutgoingCallResponse(TIMEOUT), call.format());
    }
    assertEquals(status, call.getReturnCode(), call.format());
  }

  private record Established(SipCall out, SipCall in) {}

  private record Party(String number, String secret, SipPhone phone) {
    String uri() {
      return "sip:" + number + "@" + Phones.DOMAIN;
    }
  }
}
