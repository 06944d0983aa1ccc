package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.internet.MimeMessage;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.cafesip.sipunit.SipCall;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.G711;
import org.convergepbx.media.Player;
import org.convergepbx.media.Prompts;
import org.convergepbx.media.RtpEndpoint;
import org.convergepbx.media.RtpPacket;
import org.convergepbx.media.TelephoneEvent;
import org.convergepbx.media.Tones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Voicemail with real RTP and a real SMTP server (GreenMail): nobody answers a ring group, the call goes to
 * a mailbox, the caller hears the beep, speaks (a 440 Hz tone), presses #, and the extension's owner gets an
 * e-mail whose WAV attachment is that tone.
 */
class VoicemailIT extends ContainerTest {
  private GreenMail mail;
  private RtpEndpoint phoneRtp;
  private ScheduledExecutorService clock;

  @BeforeEach
  void start() {
    mail = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    phoneRtp = RtpEndpoint.bind("127.0.0.1", 42000, 42998);
    clock = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    clock.shutdownNow();
    phoneRtp.close();
    mail.stop();
  }

  @Test
  void anUnansweredCallLeavesAMessageThatIsEmailedWithItsRecording() throws Exception {
    Party alice = caller();
    Party member = callee();
    String box = uniqueNumber();
    assertEquals(201, api.post("/api/v1/extensions",
        "{\"number\":\"" + box + "\",\"name\":\"Bob\",\"secret\":\"secret-" + box + "\",\"email\":\"bob@example.test\"}",
        "application/json").statusCode());
    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group, "{\"strategy\":\"ringall\",\"ringTime\":1,\"members\":[\""
        + member.number() + "\"],\"noAnswer\":\"voicemail:" + box + "\"}").statusCode());
    SipCall in = listen(List.of(member)).get(0);

    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), uriOf(group), offer(phoneRtp.port()));
    ring(in);
    answerCancel(in, 2 * TIMEOUT);
    assertEquals(200, finalResponse(out), "the server answers for the mailbox: " + out.format());
    AudioOffer answer = AudioOffer.parse(new String(out.getLastReceivedResponse().getRawContent()));
    assertEquals(List.of(0, 101), answer.payloadTypes(), "PCMU and telephone-event accepted");
    phoneRtp.connect(new InetSocketAddress("127.0.0.1", answer.port()));
    LinkedBlockingQueue<RtpPacket> heard = new LinkedBlockingQueue<>();
    phoneRtp.onPacket(heard::add);
    assertTrue(out.listenForDisconnect(), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());

    int greetingSamples = (Prompts.get(Prompts.UNAVAILABLE).length + Prompts.get(Prompts.LEAVE_MESSAGE).length) / 2;
    short[] greeting = pcm(receive(heard, (greetingSamples + 159) / 160));
    assertTrue(PhoneMedia.rms(greeting) > 300, "the default greeting is spoken");
    short[] beep = pcm(receive(heard, 15));
    assertTrue(Tones.power(beep, 1000) > 100 * Tones.power(beep, 440), "then the 1 kHz beep");
    new Player(phoneRtp::send, G711.PCMU, clock).play(Tones.pcm(16000, 440, 8000)).get(5, TimeUnit.SECONDS);
    pressHash();
    assertTrue(out.waitForDisconnect(TIMEOUT), "# ends the message: " + out.format());
    assertTrue(out.respondToDisconnect(), out.format());

    assertTrue(mail.waitForIncomingEmail(10_000, 1), "an e-mail arrives");
    MimeMessage message = mail.getReceivedMessages()[0];
    assertEquals("bob@example.test", message.getAllRecipients()[0].toString());
    assertTrue(message.getSubject().contains("Voicemail for " + box + " from " + alice.number()), message.getSubject());
    short[] recorded = wavAttachment(message);
    assertTrue(recorded.length > 8000, "at least a second was recorded: " + recorded.length);
    assertTrue(Tones.power(recorded, 440) > 100 * Tones.power(recorded, 1000), "the attachment is what the caller said");

    assertMailboxOverHttp(box, alice);

    JsonNode r = closedRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertEquals("VoiceMail", r.path("lastapp").asText(), r.toString());
    assertEquals("VoiceMail/" + box, r.path("dstchannel").asText(), r.toString());
  }

  @Test
  void theOwnerSetsAGreetingThenListensToTheMessageByPhoneAndDeletesIt() throws Exception {
    Party alice = caller();
    Party owner = callee();
    AdminApi ownerApi = new AdminApi(api.base(), owner.number(), owner.secret());
    String box = "/api/v1/voicemail/" + owner.number();
    assertField(ownerApi.put(box + "/settings", "{\"pin\":\"12\"}"), "pin");
    assertEquals(200, ownerApi.put(box + "/settings", "{\"pin\":\"4321\"}").statusCode());
    assertEquals(400, ownerApi.putBytes(box + "/greeting", Tones.wav(8000, 16, 2, 1.0, 600), "audio/wav").statusCode(),
        "a stereo greeting is refused");
    assertEquals(404, ownerApi.getBytes(box + "/greeting.wav").statusCode(), "nothing was stored");
    assertEquals(200, ownerApi.putBytes(box + "/greeting", Tones.wav(16000, 16, 1, 1.0, 600), "audio/wav").statusCode());
    JsonNode settings = json(ownerApi.get(box + "/settings"));
    assertTrue(settings.path("pinSet").asBoolean(), settings.toString());
    assertEquals(box + "/greeting.wav", settings.path("greeting").asText(), settings.toString());

    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), uriOf(unansweredGroup(owner)),
        offer(phoneRtp.port()));
    assertEquals(200, finalResponse(out), out.format());
    LinkedBlockingQueue<RtpPacket> heard = connect(out);
    short[] greeting = pcm(receive(heard, 45));
    assertTrue(Tones.power(greeting, 600) > 100 * Tones.power(greeting, 1000), "the owner's greeting plays");
    receive(heard, 20);
    new Player(phoneRtp::send, G711.PCMU, clock).play(Tones.pcm(12000, 440, 8000)).get(5, TimeUnit.SECONDS);
    assertTrue(out.disconnect(), out.format());
    assertTrue(awaitMessages(ownerApi, box, 1), "the message is stored");

    phoneRtp.onPacket(p -> {});
    SipCall listen = phones.dial(owner.phone(), owner.number(), owner.secret(), uriOf("*97"), offer(phoneRtp.port()));
    assertEquals(200, finalResponse(listen), listen.format());
    heard = connect(listen);
    receive(heard, Prompts.get(Prompts.ENTER_PIN).length / 320);
    press("4321#");
    int intro = (Prompts.get(Prompts.YOU_HAVE).length + Prompts.digits("1").length
        + Prompts.get(Prompts.NEW_MESSAGES).length) / 320;
    receive(heard, intro + 5);
    short[] message = pcm(receive(heard, 50));
    assertTrue(Tones.power(message, 440) > 100 * Tones.power(message, 1000), "the message is played back");
    press("7");
    assertTrue(listen.waitForDisconnect(3 * TIMEOUT), "no more messages, goodbye: " + listen.format());
    assertTrue(listen.respondToDisconnect(), listen.format());
    assertEquals(0, json(ownerApi.get(box + "/messages")).size(), "7 deleted it");
    assertEquals(204, ownerApi.delete(box + "/greeting").statusCode());
    assertEquals(404, ownerApi.getBytes(box + "/greeting.wav").statusCode());
  }

  @Test
  void aMailboxSetToDeleteAfterEmailKeepsNothingOnceMailed() throws Exception {
    Party alice = caller();
    String box = uniqueNumber();
    assertEquals(201, api.post("/api/v1/extensions", "{\"number\":\"" + box + "\",\"name\":\"Eve\",\"secret\":\"secret-"
        + box + "\",\"email\":\"eve@example.test\"}", "application/json").statusCode());
    Party owner = new Party(box, "secret-" + box, null);
    String path = "/api/v1/voicemail/" + box;
    assertEquals(200, api.put(path + "/settings", "{\"deleteAfterEmail\":true}").statusCode());
    assertEquals(200, api.putBytes(path + "/greeting", Tones.wav(8000, 16, 1, 0.2, 600), "audio/wav").statusCode());
    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), uriOf(unansweredGroup(owner)),
        offer(phoneRtp.port()));
    assertEquals(200, finalResponse(out), out.format());
    LinkedBlockingQueue<RtpPacket> heard = connect(out);
    receive(heard, 25);
    new Player(phoneRtp::send, G711.PCMU, clock).play(Tones.pcm(12000, 440, 8000)).get(5, TimeUnit.SECONDS);
    assertTrue(out.disconnect(), out.format());
    assertTrue(mail.waitForIncomingEmail(10_000, 1), "the message is e-mailed");
    assertTrue(awaitMessages(api, path, 0), "then deleted from the mailbox");
  }

  @Test
  void aCallerWithoutG711IsRefused() {
    Party alice = caller();
    String box = uniqueNumber();
    api.provision(box, "secret-" + box);
    String nobody = uniqueNumber();
    api.provision(nobody, "secret-" + nobody);
    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group, "{\"strategy\":\"ringall\",\"ringTime\":1,\"members\":[\""
        + nobody + "\"],\"noAnswer\":\"voicemail:" + box + "\"}").statusCode());
    String opusOnly = offer(phoneRtp.port()).replace("RTP/AVP 0 101", "RTP/AVP 96");
    SipCall out = phones.dial(alice.phone(), alice.number(), alice.secret(), uriOf(group), opusOnly);
    assertEquals(488, finalResponse(out), out.format());
  }

  /** The mailbox's owner (number and SIP secret) lists, downloads and deletes; others may not. */
  private void assertMailboxOverHttp(String box, Party other) throws Exception {
    String path = "/api/v1/voicemail/" + box + "/messages";
    AdminApi owner = new AdminApi(api.base(), box, "secret-" + box);
    JsonNode list = json(owner.get(path));
    assertEquals(1, list.size(), list.toString());
    String id = list.get(0).path("id").asText();
    java.net.http.HttpResponse<byte[]> audio = owner.getBytes(path + "/" + id + ".wav");
    assertEquals(200, audio.statusCode());
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.body()))) {
      assertEquals(8000f, in.getFormat().getSampleRate());
    }
    assertEquals(401, new AdminApi(api.base(), other.number(), other.secret()).get(path).statusCode(),
        "another extension may not read this mailbox");
    assertEquals(401, owner.get("/api/v1/extensions").statusCode(), "an owner reaches nothing but the mailbox");
    assertEquals(401, new AdminApi(api.base(), box, "wrong-secret").get(path).statusCode());
    assertEquals(200, api.get(path).statusCode(), "the administrator may");
    assertEquals(401, owner.delete(path + "/../../x").statusCode(), "a path that leaves the mailbox is not the owner's");
    assertEquals(404, owner.delete(path + "/not-a-message").statusCode());
    assertEquals(204, owner.delete(path + "/" + id).statusCode());
    assertEquals(0, json(owner.get(path)).size());
  }

  private static String offer(int port) {
    return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
  }

  /** A ring group whose only member is not registered: calls go straight to the member's voicemail. */
  private String unansweredGroup(Party member) {
    String nobody = uniqueNumber();
    api.provision(nobody, "secret-" + nobody);
    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group, "{\"strategy\":\"ringall\",\"ringTime\":5,\"members\":[\""
        + nobody + "\"],\"noAnswer\":\"voicemail:" + member.number() + "\"}").statusCode());
    return group;
  }

  /** Acknowledges the server's answer and starts exchanging RTP with it; returns what the phone hears. */
  private LinkedBlockingQueue<RtpPacket> connect(SipCall out) {
    AudioOffer answer = AudioOffer.parse(new String(out.getLastReceivedResponse().getRawContent()));
    phoneRtp.connect(new InetSocketAddress("127.0.0.1", answer.port()));
    LinkedBlockingQueue<RtpPacket> heard = new LinkedBlockingQueue<>();
    phoneRtp.onPacket(heard::add);
    assertTrue(out.listenForDisconnect(), out.format());
    assertTrue(out.sendInviteOkAck(), out.format());
    return heard;
  }

  /** Waits (up to 10 s) until the mailbox lists {@code count} messages (it is written after the BYE's 200). */
  private static boolean awaitMessages(AdminApi owner, String box, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      if (json(owner.get(box + "/messages")).size() == count) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return false;
  }

  private int keySequence = 70_000;
  private long keyTimestamp = 2_000_000;

  /** Presses keys one after another (RFC 4733), each its own event. */
  private void press(String keys) {
    for (char key : keys.toCharArray()) {
      int code = TelephoneEvent.codeOf(key);
      long ts = keyTimestamp += 8000;
      phoneRtp.send(new RtpPacket(true, 101, keySequence++, ts, 99, new TelephoneEvent(code, false, 10, 160).toBytes()));
      for (int i = 1; i <= 3; i++) {
        phoneRtp.send(new RtpPacket(false, 101, keySequence++, ts, 99, new TelephoneEvent(code, true, 10, 800).toBytes()));
      }
    }
  }

  private void pressHash() {
    int code = TelephoneEvent.codeOf('#');
    long ts = 900_000;
    phoneRtp.send(new RtpPacket(true, 101, 60_000, ts, 99, new TelephoneEvent(code, false, 10, 160).toBytes()));
    for (int i = 1; i <= 3; i++) {
      phoneRtp.send(new RtpPacket(false, 101, 60_000 + i, ts, 99, new TelephoneEvent(code, true, 10, 800).toBytes()));
    }
  }

  private static List<RtpPacket> receive(LinkedBlockingQueue<RtpPacket> q, int packets) throws InterruptedException {
    List<RtpPacket> got = new ArrayList<>();
    while (got.size() < packets) {
      RtpPacket p = q.poll(2, TimeUnit.SECONDS);
      assertNotNull(p, "RTP from the server (" + got.size() + " of " + packets + " packets)");
      got.add(p);
    }
    return got;
  }

  private static short[] pcm(List<RtpPacket> packets) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    packets.forEach(p -> all.writeBytes(G711.PCMU.decode(p.payload())));
    return Tones.samples(all.toByteArray());
  }

  private static short[] wavAttachment(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      Part part = parts.getBodyPart(i);
      if (part.getFileName() != null && part.getFileName().endsWith(".wav")) {
        try (InputStream in = part.getInputStream();
            AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(in.readAllBytes()))) {
          assertEquals(8000f, audio.getFormat().getSampleRate());
          return Tones.samples(audio.readAllBytes());
        }
      }
    }
    throw new AssertionError("no WAV attachment");
  }



}
