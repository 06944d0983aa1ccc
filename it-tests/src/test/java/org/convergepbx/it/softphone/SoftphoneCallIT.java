package org.convergepbx.it.softphone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.convergepbx.it.AdminApi;
import org.convergepbx.it.PbxServerProcess;
import org.convergepbx.it.Phones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real softphones (baresip) whose extensions are created over HTTP register with their passwords, call each
 * other through {@code pbx-server.jar} and hear each other: each plays its own tone into the call, and each
 * recording of what was received must hold the other's tone, not its own.
 */
class SoftphoneCallIT {
  private static final Duration SIP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(15);
  private static final double ALICE_HZ = 440;
  private static final double BOB_HZ = 1000;
  /** Longer than the call: baresip's aufile source ends the call when its file ends. */
  private static final double SOURCE_SECONDS = 20;
  /** Start of each recording left out of the analysis: the jitter buffer filling up. */
  private static final double SETTLE_SECONDS = 0.5;
  private static final double ANALYSED_SECONDS = 3;
  private static final Set<String> REGISTRATION_FAILED = Set.of("REGISTER_FAIL");
  private static final Set<String> CALL_FAILED = Set.of("CALL_CLOSED");

  @TempDir Path dir;
  private PbxServerProcess server;
  private final List<Baresip> softphones = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    softphones.forEach(Baresip::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void softphonesRegisterCallEachOtherAndHearEachOther() {
    Baresip.executable();
    server = new PbxServerProcess(dir.resolve("pbx")).start();
    AdminApi api = server.api();
    api.provision("3001", "alice-secret-3001");
    api.provision("3002", "bob-secret-3002");

    Baresip alice = softphone("alice", ALICE_HZ);
    Baresip bob = softphone("bob", BOB_HZ);
    String outbound = ";outbound=\"sip:127.0.0.1:" + server.sipPort() + ";transport=udp\"";
    alice.addAccount("3001", Phones.DOMAIN, "alice-secret-3001", ";audio_codecs=pcmu;regint=600" + outbound);
    bob.addAccount(
        "3002", Phones.DOMAIN, "bob-secret-3002", ";answermode=auto;audio_codecs=pcmu;regint=600" + outbound);
    alice.awaitEvent("REGISTER_OK", SIP_TIMEOUT, REGISTRATION_FAILED);
    bob.awaitEvent("REGISTER_OK", SIP_TIMEOUT, REGISTRATION_FAILED);
    assertRegisteredByBaresip(api, "3001");
    assertRegisteredByBaresip(api, "3002");

    alice.command("dial", "sip:3002@" + Phones.DOMAIN);
    alice.awaitEvent("CALL_ESTABLISHED", SIP_TIMEOUT, CALL_FAILED);
    bob.awaitEvent("CALL_ESTABLISHED", SIP_TIMEOUT, CALL_FAILED);
    awaitReceivedAudio(alice, SETTLE_SECONDS + ANALYSED_SECONDS);
    awaitReceivedAudio(bob, SETTLE_SECONDS + ANALYSED_SECONDS);
    String live = api.get("/api/v1/calls").body();
    assertTrue(
        live.contains("\"caller\":\"3001\"") && live.contains("\"phase\":\"ANSWERED\""),
        "the answered call must be live on the server: " + live);

    alice.command("hangup", "");
    alice.awaitEvent("CALL_CLOSED", SIP_TIMEOUT, Set.of());
    bob.awaitEvent("CALL_CLOSED", SIP_TIMEOUT, Set.of());
    String after = api.get("/api/v1/calls").body();
    assertEquals("[]", after, "the BYE must pass the server (record-route) and end the call there");
    alice.quit();
    bob.quit();

    assertHears(bob, "bob (3002)", ALICE_HZ, BOB_HZ);
    assertHears(alice, "alice (3001)", BOB_HZ, ALICE_HZ);
  }

  private Baresip softphone(String name, double hz) {
    Path home = dir.resolve(name);
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Baresip phone = Baresip.start(name, home, Tone.write(home.resolve("microphone.wav"), hz, SOURCE_SECONDS));
    softphones.add(phone);
    return phone;
  }

  private static void assertRegisteredByBaresip(AdminApi api, String number) {
    HttpResponse<String> r = api.get("/api/v1/extensions/" + number);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode registrations;
    try {
      registrations = new ObjectMapper().readTree(r.body()).path("registrations");
    } catch (IOException e) {
      throw new AssertionError("extension " + number + " is not JSON: " + r.body(), e);
    }
    assertTrue(registrations.size() > 0, "no registration for " + number + ": " + r.body());
    assertTrue(
        registrations.get(0).path("userAgent").asText().startsWith("baresip"),
        "registration of " + number + " is not baresip's: " + r.body());
  }

  /**
   * Waits until {@code phone} has recorded {@code seconds} of received audio. Media flows for as long as the
   * call lasts and no SIP or control event reports how much has arrived, so this polls the size of the
   * recording that baresip's sndfile module writes as it decodes.
   */
  private static void awaitReceivedAudio(Baresip phone, double seconds) {
    long wanted = 44 + (long) (seconds * Tone.SAMPLE_RATE * 2);
    long deadline = System.nanoTime() + MEDIA_TIMEOUT.toNanos();
    long size = 0;
    while (System.nanoTime() < deadline) {
      Path recording = phone.receivedRecording();
      try {
        size = recording == null ? 0 : Files.size(recording);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (size >= wanted) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(
        "received audio stayed at " + size + " bytes, wanted " + wanted + " within " + MEDIA_TIMEOUT.toSeconds()
            + " s\n" + phone.log());
  }

  private static void assertHears(Baresip phone, String who, double otherHz, double ownHz) {
    Path recording = phone.receivedRecording();
    assertNotNull(recording, who + " recorded no received audio\n" + phone.log());
    Tone.Hearing heard = Tone.listen(recording, otherHz, ownHz, SETTLE_SECONDS);
    String context = who + " heard: " + heard + " (expected " + otherHz + " Hz, own " + ownHz + " Hz)\n";
    assertTrue(heard.frames() >= ANALYSED_SECONDS * 50, context + phone.log());
    assertTrue(heard.expectedShare() >= 0.8, context + phone.log());
    assertTrue(heard.unexpectedShare() <= 0.1, context + phone.log());
  }
}
