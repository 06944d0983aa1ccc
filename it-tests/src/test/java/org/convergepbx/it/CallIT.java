package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    SipPhone alice = caller();
    Callee bob = callee();

    SipCall out = alice.createSipCall();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    dial(out, bob.uri());

    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());

    assertTrue(out.disconnect(), out.format());
    assertTrue(in.waitForDisconnect(TIMEOUT), in.format());
    assertTrue(in.respondToDisconnect(), in.format());
  }

  @Test
  void reInviteOfAnEstablishedCallTravelsTheRecordRoute() {
    SipPhone alice = caller();
    Callee bob = callee();
    SipCall out = alice.createSipCall();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    dial(out, bob.uri());
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());

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

    assertTrue(out.disconnect(), out.format());
    assertTrue(in.waitForDisconnect(TIMEOUT), in.format());
    assertTrue(in.respondToDisconnect(), in.format());
  }

  @Test
  void liveCallIsReadOverHttpThroughItsApplicationSession() {
    SipPhone alice = caller();
    Callee bob = callee();
    SipCall out = alice.createSipCall();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    dial(out, bob.uri());
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());

    String list = api.get("/api/v1/calls").body();
    Matcher href =
        Pattern.compile("\"callee\":\"" + bob.number + "\"[^}]*\"href\":\"([^\"]+)\"").matcher(list);
    assertTrue(href.find(), list);
    HttpResponse<String> viaSession = api.getAbsolute(href.group(1));
    assertEquals(200, viaSession.statusCode(), viaSession.body());
    assertTrue(viaSession.body().contains("\"phase\":\"ANSWERED\""), viaSession.body());
    assertTrue(viaSession.body().contains("\"callee\":\"" + bob.number + "\""), viaSession.body());

    assertTrue(out.disconnect(), out.format());
    assertTrue(in.waitForDisconnect(TIMEOUT), in.format());
    assertTrue(in.respondToDisconnect(), in.format());
  }

  @Test
  void busyCalleeIsReportedToTheCaller() {
    SipPhone alice = caller();
    Callee bob = callee();
    SipCall out = alice.createSipCall();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    dial(out, bob.uri());

    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());

    assertEquals(486, finalResponse(out), out.format());
  }

  @Test
  void cancelStopsTheRingingPhone() {
    SipPhone alice = caller();
    Callee bob = callee();
    SipCall out = alice.createSipCall();
    SipCall in = bob.phone.createSipCall();
    assertTrue(in.listenForIncomingCall());
    dial(out, bob.uri());
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
    SipPhone alice = caller();
    SipCall out = alice.createSipCall();
    dial(out, "sip:" + uniqueNumber() + "99@" + Phones.DOMAIN);
    assertEquals(404, finalResponse(out), out.format());
  }

  @Test
  void knownButUnregisteredExtensionIsTemporarilyUnavailable() {
    SipPhone alice = caller();
    String bob = uniqueNumber();
    api.provision(bob, "secret-" + bob);
    SipCall out = alice.createSipCall();
    dial(out, "sip:" + bob + "@" + Phones.DOMAIN);
    assertEquals(480, finalResponse(out), out.format());
  }

  @Test
  void callForksToEveryContactAndCancelsTheOthersOnAnswer() {
    SipPhone alice = caller();
    Callee desk = callee();
    SipPhone mobile = phones.phone(desk.number, desk.secret);
    assertTrue(mobile.register(desk.number, desk.secret, null, 600, TIMEOUT), mobile.format());

    SipCall onDesk = desk.phone.createSipCall();
    SipCall onMobile = mobile.createSipCall();
    assertTrue(onDesk.listenForIncomingCall());
    assertTrue(onMobile.listenForIncomingCall());
    SipCall out = alice.createSipCall();
    dial(out, desk.uri());

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

  private SipPhone caller() {
    String number = uniqueNumber();
    api.provision(number, "secret-" + number);
    return phones.phone(number, "secret-" + number);
  }

  private Callee callee() {
    String number = uniqueNumber();
    String secret = "secret-" + number;
    api.provision(number, secret);
    SipPhone phone = phones.phone(number, secret);
    assertTrue(phone.register(number, secret, null, 600, TIMEOUT), phone.format());
    return new Callee(number, secret, phone);
  }

  /** Places the call and answers the server's 407 challenge with the caller's credentials. */
  private static void dial(SipCall out, String uri) {
    assertTrue(out.initiateOutgoingCall(uri, null), out.format());
    assertTrue(out.waitForAuthorisation(TIMEOUT), out.format());
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

  private record Callee(String number, String secret, SipPhone phone) {
    String uri() {
      return "sip:" + number + "@" + Phones.DOMAIN;
    }
  }
}
