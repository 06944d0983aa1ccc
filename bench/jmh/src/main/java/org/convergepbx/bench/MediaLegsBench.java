package org.convergepbx.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.G711;
import org.convergepbx.media.MediaChannel;
import org.convergepbx.media.Player;
import org.convergepbx.media.Prompts;
import org.convergepbx.media.Recorder;
import org.convergepbx.media.RtpEndpoint;
import org.convergepbx.media.RtpPacket;

/**
 * How many simultaneous playing + recording legs the server's media engine holds with packet-timing jitter of at
 * most 5 ms. Each leg is what a voicemail or IVR call is on the server: a {@link MediaChannel} on its own UDP port
 * whose {@link Player} sends 20 ms G.711 packets paced by one shared real-time clock thread (as the server's
 * {@code pbx-rtp-clock}), and a {@link Recorder} (jitter buffer, G.711 decoding) taking the phone's packets. Each
 * leg's "phone" is a real UDP socket on loopback that sends 20 ms packets on a clock of its own and timestamps
 * every packet the server sends.
 *
 * <p>Per leg it computes the RFC 3550 interarrival jitter (section 6.4.1, in ms) and the deviation of each
 * interarrival from 20 ms; it reports, over all legs, the mean and the worst leg's jitter, percentiles of the
 * deviation, lost packets both ways, and the process's CPU use. The phones run in the same process and share the
 * machine's cores with the server side, so the numbers are a lower bound for the server alone.
 *
 * <pre>java -cp benchmarks.jar org.convergepbx.bench.MediaLegsBench LEGS SECONDS [CLOCK_THREADS]</pre>
 */
public final class MediaLegsBench {
  private static final int FRAME_MS = 20;

  private MediaLegsBench() {}

  public static void main(String[] args) throws Exception {
    int legs = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int clockThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    ScheduledExecutorService serverClock = Executors.newScheduledThreadPool(clockThreads, daemon("pbx-rtp-clock"));
    ScheduledExecutorService phoneClock = Executors.newScheduledThreadPool(1, daemon("phone-clock"));
    byte[] prompt = loop(Prompts.get(Prompts.MESSAGE_MENU), seconds + 5);
    byte[] voice = tone(seconds + 5);
    List<Leg> all = new ArrayList<>();
    for (int i = 0; i < legs; i++) {
      all.add(new Leg(serverClock, phoneClock));
    }
    for (Leg leg : all) {
      leg.start(prompt, voice);
    }
    TimeUnit.SECONDS.sleep(2);
    double cpuBefore = cpuSeconds();
    long start = System.nanoTime();
    all.forEach(leg -> leg.measuring = true);
    TimeUnit.SECONDS.sleep(seconds);
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = cpuSeconds() - cpuBefore;
    all.forEach(leg -> leg.measuring = false);
    Path dir = Files.createTempDirectory("media-legs");
    for (Leg leg : all) {
      leg.stop(dir);
    }
    report(legs, seconds, clockThreads, all, cpu / wall);
    serverClock.shutdownNow();
    phoneClock.shutdownNow();
  }

  private static void report(int legs, int seconds, int clockThreads, List<Leg> all, double cores) {
    double[] jitters = all.stream().mapToDouble(l -> l.jitterMs).sorted().toArray();
    long[] deviations = all.stream().flatMapToLong(l -> Arrays.stream(l.deviationsUs, 0, l.deviationCount)).sorted().toArray();
    long expected = (long) legs * seconds * (1000 / FRAME_MS);
    long heard = all.stream().mapToLong(l -> l.received).sum();
    long sent = all.stream().mapToLong(l -> l.sent).sum();
    long recorded = all.stream().mapToLong(l -> l.recordedFrames).sum();
    long recorderLost = all.stream().mapToLong(l -> l.recorderLost).sum();
    System.out.printf(Locale.ROOT,
        "legs %d  seconds %d  clock threads %d  jitter(RFC3550) mean %.2f ms  worst leg %.2f ms  |interarrival-20ms| p50 %.2f p99 %.2f"
            + " p99.9 %.2f max %.2f ms  server->phone packets %d/%d  phone->server %d sent, %d recorded, %d lost"
            + "  cpu %.2f cores%n",
        legs, seconds, clockThreads, Arrays.stream(jitters).average().orElse(0), jitters[jitters.length - 1],
        pct(deviations, 50), pct(deviations, 99), pct(deviations, 99.9), deviations[deviations.length - 1] / 1000.0,
        heard, expected, sent, recorded, recorderLost, cores);
  }

  private static double pct(long[] sortedUs, double p) {
    int i = (int) Math.min(sortedUs.length - 1, Math.round(p / 100 * (sortedUs.length - 1)));
    return sortedUs[i] / 1000.0;
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  /** One server leg (channel, player, recorder) and its phone (socket, player, arrival clock). */
  private static final class Leg {
    private final MediaChannel server;
    private final RtpEndpoint phone;
    private final Player phonePlayer;
    private final Recorder recorder = new Recorder(G711.PCMU, 3600);
    private long[] deviationsUs = new long[4096];
    private int deviationCount;
    private long received;
    private long recordedFrames;
    private volatile long sent;
    private long recorderLost;
    private double jitterMs;
    private long lastArrivalNs = -1;
    private long lastTimestamp;
    private volatile boolean measuring;

    Leg(ScheduledExecutorService serverClock, ScheduledExecutorService phoneClock) {
      server = MediaChannel.open("127.0.0.1", 20000, 29999, serverClock);
      phone = RtpEndpoint.bind("127.0.0.1", 30000, 39998);
      server.connect(AudioOffer.parse(AudioOffer.offer("127.0.0.1", phone.port(), 1)));
      phone.connect(new InetSocketAddress("127.0.0.1", server.port()));
      phonePlayer = new Player(p -> {
        sent++;
        phone.send(p);
      }, G711.PCMU, phoneClock);
      server.onAudio(recorder::accept);
      phone.onPacket(this::arrived);
    }

    void start(byte[] prompt, byte[] voice) {
      server.play(prompt);
      phonePlayer.play(voice);
    }

    /** RFC 3550 6.4.1: J += (|D(i-1,i)| - J) / 16, D from arrival times and RTP timestamps (8 kHz). */
    private void arrived(RtpPacket p) {
      if (!measuring) {
        return;
      }
      long now = System.nanoTime();
      received++;
      if (lastArrivalNs >= 0) {
        double transitDeltaMs = (now - lastArrivalNs) / 1e6 - ((p.timestamp() - lastTimestamp) & 0xffffffffL) / 8.0;
        jitterMs += (Math.abs(transitDeltaMs) - jitterMs) / 16;
        if (deviationCount == deviationsUs.length) {
          deviationsUs = Arrays.copyOf(deviationsUs, deviationCount * 2);
        }
        deviationsUs[deviationCount++] = Math.abs((now - lastArrivalNs) / 1000 - FRAME_MS * 1000L);
      }
      lastArrivalNs = now;
      lastTimestamp = p.timestamp();
    }

    void stop(Path dir) throws IOException {
      measuring = false;
      phonePlayer.stop();
      server.close();
      phone.close();
      recordedFrames = Math.round(recorder.finish(dir.resolve(server.hashCode() + ".wav")) * 1000 / FRAME_MS);
      recorderLost = recorder.lostPackets();
    }
  }

  private static byte[] loop(byte[] pcm, int seconds) {
    byte[] out = new byte[seconds * 16000];
    for (int i = 0; i < out.length; i += pcm.length) {
      System.arraycopy(pcm, 0, out, i, Math.min(pcm.length, out.length - i));
    }
    return out;
  }

  private static byte[] tone(int seconds) {
    byte[] pcm = new byte[seconds * 16000];
    for (int i = 0; i < pcm.length / 2; i++) {
      short v = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    return pcm;
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
