package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.cafesip.sipunit.SipTransaction;
import org.convergepbx.media.AudioOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Follow Me's confirm-call with real RTP: a list member's phone is called with the server's own media, whoever
 * answers hears the spoken "press 1 to accept", and only 1 (RFC 4733 or SIP INFO) puts the caller through,
 * by re-INVITing the member with the caller's SDP.
 */
class FollowMeConfirmIT extends ContainerTest {
  private PhoneMedia callerMedia;
  private PhoneMedia mobileMedia;
  private PhoneMedia otherMedia;

  @BeforeEach
  void media() {
    callerMedia = new PhoneMedia();
    mobileMedia = new PhoneMedia();
    otherMedia = new PhoneMedia();
  }

  @AfterEach
  void closeMedia() {
    callerMedia.close();
    mobileMedia.close();
    otherMedia.close();
  }

  @Test
  void pressingOnePutsTheCallThroughEvenAfterTheRingTime() throws Exception {
    Party alice = caller();
    Party desk = callee();
    Party mobile = callee();
    confirmingFollowMe(desk, 2, mobile);
    List<SipCall> ins = listen(List.of(desk, mobile));
    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), desk.uri(), callerMedia.sdp());
    ring(ins.get(0));
    ring(ins.get(1));

    answerWithMedia(ins.get(1), mobileMedia);
    short[] prompt = PhoneMedia.pcm(mobileMedia.receive(150));
    assertTrue(PhoneMedia.rms(prompt) > 300, "the answerer hears the spoken prompt: rms " + PhoneMedia.rms(prompt));
    answerCancel(ins.get(0), TIMEOUT);
    awaitStatus(out, 180);

    assertTrue(ins.get(1).listenForReinvite(), ins.get(1).format());
    mobileMedia.press('1');
    putThrough(out, ins.get(1));
    hangUp(new Established(out, ins.get(1)));

    JsonNode r = closedRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertEquals("FollowMe", r.path("lastapp").asText(), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + mobile.number() + "-"), r.toString());
  }

  @Test
  void anotherKeyDeclinesAndTheExtensionStillRingsAndAnswersDirectly() throws Exception {
    Party alice = caller();
    Party desk = callee();
    Party mobile = callee();
    confirmingFollowMe(desk, 20, mobile);
    List<SipCall> ins = listen(List.of(desk, mobile));
    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), desk.uri(), callerMedia.sdp());
    ring(ins.get(0));
    ring(ins.get(1));

    assertTrue(ins.get(1).listenForDisconnect(), ins.get(1).format());
    answerWithMedia(ins.get(1), mobileMedia);
    mobileMedia.receive(10);
    mobileMedia.press('2');
    assertTrue(ins.get(1).waitForDisconnect(TIMEOUT), "a declining answerer is hung up: " + ins.get(1).format());
    assertTrue(ins.get(1).respondToDisconnect(), ins.get(1).format());

    assertTrue(ins.get(0).sendIncomingCallResponse(200, "OK", 0, deskSdp(), "application", "sdp", null, null),
        ins.get(0).format());
    assertEquals(200, finalResponse(out), out.format());
    assertTrue(new String(out.getLastReceivedResponse().getRawContent(), StandardCharsets.UTF_8).contains("desk-phone"),
        "the extension itself needs no confirmation; its SDP goes to the caller");
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(ins.get(0).waitForAck(TIMEOUT), ins.get(0).format());
    hangUp(new Established(out, ins.get(0)));
    assertTrue(closedRecordOf(alice).path("dstchannel").asText().startsWith("SIP/" + desk.number() + "-"));
  }

  @Test
  void aSipInfoKeyAcceptsAndTheOtherAnswererHearsItIsTooLate() throws Exception {
    Party alice = caller();
    Party desk = callee();
    Party mobile = callee();
    Party other = callee();
    confirmingFollowMe(desk, 20, mobile, other);
    List<SipCall> ins = listen(List.of(desk, mobile, other));
    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), desk.uri(), callerMedia.sdp());
    ins.forEach(ContainerTest::ring);

    answerWithMedia(ins.get(2), otherMedia);
    otherMedia.receive(10);
    assertTrue(ins.get(2).listenForDisconnect(), ins.get(2).format());
    answerWithMedia(ins.get(1), mobileMedia);
    mobileMedia.receive(10);
    assertTrue(ins.get(1).listenForReinvite(), ins.get(1).format());
    sendInfoKey(mobile.phone(), ins.get(1), '1');
    answerCancel(ins.get(0), TIMEOUT);
    putThrough(out, ins.get(1));

    otherMedia.clear();
    short[] tooLate = PhoneMedia.pcm(otherMedia.receive(50));
    assertTrue(PhoneMedia.rms(tooLate) > 300, "the other answerer is told: rms " + PhoneMedia.rms(tooLate));
    assertTrue(ins.get(2).waitForDisconnect(3 * TIMEOUT), "then hung up: " + ins.get(2).format());
    assertTrue(ins.get(2).respondToDisconnect(), ins.get(2).format());
    hangUp(new Established(out, ins.get(1)));
  }

  @Test
  void confirmCallsIsStoredAndShown() {
    Party desk = callee();
    Party mobile = callee();
    String path = "/api/v1/extensions/" + desk.number() + "/followme";
    assertField(api.put(path, body(20, true, mobile).replace("\"confirmCalls\":true", "\"confirmCalls\":\"yes\"")),
        "confirmCalls");
    assertEquals(201, api.put(path, body(20, true, mobile)).statusCode());
    assertTrue(json(api.get(path)).path("confirmCalls").asBoolean());
    assertEquals(200, api.put(path, body(20, true, mobile).replace(",\"confirmCalls\":true", "")).statusCode());
    assertEquals(false, json(api.get(path)).path("confirmCalls").asBoolean(true), "left out means off");
  }

  /** The member's phone answers the server's offer with its own audio and starts exchanging RTP with it. */
  private static void answerWithMedia(SipCall in, PhoneMedia media) {
    String offer = new String(in.getLastReceivedRequest().getRawContent(), StandardCharsets.UTF_8);
    AudioOffer server = AudioOffer.parse(offer);
    assertEquals(List.of(0, 8, 101), server.payloadTypes(), "the server offers its own G.711 and DTMF: " + offer);
    media.connect(offer);
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0, media.sdp(), "application", "sdp", null, null), in.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());
  }

  /** The accepting member is re-INVITEd with the caller's own SDP; its answer reaches the caller in the 200. */
  private void putThrough(SipCall out, SipCall in) {
    SipTransaction reinvite = in.waitForReinvite(TIMEOUT);
    assertNotNull(reinvite, "the accepted leg is re-INVITEd: " + in.format());
    String offered = new String(reinvite.getServerTransaction().getRequest().getRawContent(), StandardCharsets.UTF_8);
    assertEquals(callerMedia.port(), AudioOffer.parse(offered).port(), "with the caller's SDP: " + offered);
    assertTrue(in.respondToReinvite(reinvite, 200, "OK", 0, null, null, mobileMedia.sdp(), "application", "sdp"),
        in.format());
    assertEquals(200, finalResponse(out), out.format());
    String answer = new String(out.getLastReceivedResponse().getRawContent(), StandardCharsets.UTF_8);
    assertEquals(mobileMedia.port(), AudioOffer.parse(answer).port(), "the caller gets the member's SDP: " + answer);
    assertTrue(out.sendInviteOkAck(), out.format());
  }

  private static void sendInfoKey(SipPhone phone, SipCall in, char key) throws Exception {
    Dialog dialog = in.getDialog();
    Request info = dialog.createRequest(Request.INFO);
    info.setContent("Signal=" + key + "\r\nDuration=160\r\n",
        phone.getParent().getHeaderFactory().createContentTypeHeader("application", "dtmf-relay"));
    SipTransaction t = phone.sendRequestWithTransaction(info, false, dialog);
    assertNotNull(t, phone.format());
    Object answer = phone.waitResponse(t, TIMEOUT);
    assertTrue(answer instanceof ResponseEvent e && e.getResponse().getStatusCode() == 200, "INFO answered 200: " + answer);
  }

  private static String deskSdp() {
    return "v=0\r\no=desk-phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
  }

  private void confirmingFollowMe(Party extension, int ringTime, Party... members) {
    assertEquals(201,
        api.put("/api/v1/extensions/" + extension.number() + "/followme", body(ringTime, true, members)).statusCode());
  }

  private static String body(int ringTime, boolean confirm, Party... members) {
    String list = String.join("\",\"", java.util.Arrays.stream(members).map(Party::number).toList());
    return "{\"enabled\":true,\"initialRingTime\":0,\"members\":[\"" + list + "\"],\"ringTime\":" + ringTime
        + ",\"strategy\":\"ringall\",\"noAnswer\":\"hangup\",\"confirmCalls\":" + confirm + "}";
  }
}
