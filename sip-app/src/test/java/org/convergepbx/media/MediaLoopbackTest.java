package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real RTP over UDP on 127.0.0.1: a paced player on one endpoint, a recorder and a DTMF detector on the other. */
class MediaLoopbackTest {
  private static final int FIRST_PORT = 41000;
  private static final int LAST_PORT = 41998;

  @TempDir Path dir;
  private RtpEndpoint phone;
  private RtpEndpoint server;
  private ScheduledExecutorService clock;

  @BeforeEach
  void open() {
    phone = RtpEndpoint.bind("127.0.0.1", FIRST_PORT, LAST_PORT);
    server = RtpEndpoint.bind("127.0.0.1", FIRST_PORT, LAST_PORT);
    phone.connect(new InetSocketAddress("127.0.0.1", server.port()));
    server.connect(new InetSocketAddress("127.0.0.1", phone.port()));
    clock = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void close() {
    clock.shutdownNow();
    phone.close();
    server.close();
  }

  @Test
  void aPlayedToneIsRecordedAsThatTone() throws Exception {
    Recorder recorder = new Recorder(G711.PCMU, 60);
    LinkedBlockingQueue<RtpPacket> received = new LinkedBlockingQueue<>();
    server.onPacket(
        p -> {
          recorder.accept(p);
          received.add(p);
        });
    Player player = new Player(phone::send, G711.PCMU, clock);
    player.play(Tones.pcm(8000, 1000, 8000)).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 50; i++) {
      assertTrue(received.poll(2, TimeUnit.SECONDS) != null, "packet " + i + " of 50 arrived");
    }
    Path wav = dir.resolve("message.wav");
    double seconds = recorder.finish(wav);
    assertEquals(1.0, seconds, 0.001, "50 packets of 20 ms");
    assertEquals(0, recorder.lostPackets());

    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      assertEquals(8000f, in.getFormat().getSampleRate());
      assertEquals(16, in.getFormat().getSampleSizeInBits());
      assertEquals(1, in.getFormat().getChannels());
      short[] samples = Tones.samples(in.readAllBytes());
      double at1000 = Tones.power(samples, 1000);
      double at440 = Tones.power(samples, 440);
      assertTrue(at1000 > 100 * at440, "1 kHz power " + at1000 + " vs 440 Hz " + at440);
    }
  }

  @Test
  void dtmfSentAsTelephoneEventsArrivesAsKeys() throws Exception {
    List<Character> keys = new CopyOnWriteArrayList<>();
    LinkedBlockingQueue<Character> arrived = new LinkedBlockingQueue<>();
    DtmfDetector detector = new DtmfDetector(101, k -> {
      keys.add(k);
      arrived.add(k);
    });
    server.onPacket(detector::accept);
    int seq = 1;
    long ts = 8000;
    for (char key : "2#".toCharArray()) {
      int code = TelephoneEvent.codeOf(key);
      phone.send(new RtpPacket(true, 101, seq++, ts, 7, new TelephoneEvent(code, false, 10, 160).toBytes()));
      for (int i = 0; i < 3; i++) {
        phone.send(new RtpPacket(false, 101, seq++, ts, 7, new TelephoneEvent(code, true, 10, 800).toBytes()));
      }
      ts += 1600;
      assertEquals(key, arrived.poll(2, TimeUnit.SECONDS));
    }
    assertEquals(List.of('2', '#'), keys);
  }

  @Test
  void packetsFromAnotherAddressAreDropped() throws Exception {
    LinkedBlockingQueue<RtpPacket> received = new LinkedBlockingQueue<>();
    server.onPacket(received::add);
    try (RtpEndpoint intruder = RtpEndpoint.bind("127.0.0.1", FIRST_PORT, LAST_PORT)) {
      intruder.connect(new InetSocketAddress("127.0.0.1", server.port()));
      intruder.send(new RtpPacket(false, 0, 1, 1, 1, new byte[160]));
      phone.send(new RtpPacket(false, 0, 2, 161, 2, new byte[160]));
      RtpPacket first = received.poll(2, TimeUnit.SECONDS);
      assertEquals(2, first.sequence(), "only the phone's packet is taken");
      assertEquals(1, server.dropped());
    }
  }



}
