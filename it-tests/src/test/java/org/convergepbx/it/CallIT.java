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
        Pattern.compile("\"callee\":\"" + bob.number() + "\"[^}]*\"href\":\"([^\"]+)\"").matcher(list);
    assertTrue(href.find(), list);
    HttpResponse<String> viaSession = api.getAbsolute(href.group(1));
    assertEquals(200, viaSession.statusCode(), viaSession.body());
    assertTrue(viaSession.body().contains("\"phase\":\"ANSWERED\""), viaSession.body());
    assertTrue(viaSession.body().contains("\"callee\":\"" + bob.number() + "\""), viaSession.body());

    hangUp(call);
    assertEquals(404, api.get("/api/v1/calls/current").statusCode());
    assertEquals(404, api.get("/api/v1/calls/current?unknown=1").statusCode());
    String after = api.get("/api/v1/calls").body();
    assertFalse(after.contains("\"callee\":\"" + bob.number() + "\""), "an ended call is no longer live: " + after);
  }

  @Test
  void busyPartyIsReportedToTheCaller() {
    answerBusy(offer(caller(), callee()));
  }

  @Test
  void cancelStopsTheRingingPhone() {
    cancelWhileRinging(offer(caller(), callee()));
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
    SipPhone mobile = phones.phone(desk.number(), desk.secret());
    assertTrue(mobile.register(desk.number(), desk.secret(), null, 600, TIMEOUT), mobile.format());

    SipCall onDesk = desk.phone().createSipCall();
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

}
