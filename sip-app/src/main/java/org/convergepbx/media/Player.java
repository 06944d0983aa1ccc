package org.convergepbx.media;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays 8 kHz 16-bit PCM to a phone: one RTP packet of 20 ms (160 samples) every 20 ms, paced by a real-time
 * clock (the scheduler's fixed rate keeps the average exact; a late tick is not made up by a burst longer than
 * the scheduler's catch-up). Sequence numbers and timestamps start at random values and run on across prompts,
 * as one RTP stream (RFC 3550 §5.1).
 */
public final class Player {
  /** Samples in a 20 ms packet at 8 kHz. */
  public static final int SAMPLES_PER_PACKET = 160;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Consumer<RtpPacket> out;
  private final G711 codec;
  private final ScheduledExecutorService clock;
  private final long ssrc = RANDOM.nextInt() & 0xffffffffL;
  private int sequence = RANDOM.nextInt(0x10000);
  private long timestamp = RANDOM.nextInt() & 0xffffffffL;
  private CompletableFuture<Void> current;

  public Player(Consumer<RtpPacket> out, G711 codec, ScheduledExecutorService clock) {
    this.out = out;
    this.codec = codec;
    this.clock = clock;
  }

  /**
   * Starts playing {@code pcm} (8 kHz 16-bit little-endian mono) at once, stopping what was playing. The
   * future completes when the last packet has been sent, or is cancelled by {@link #stop()} or the next play.
   */
  public synchronized CompletableFuture<Void> play(byte[] pcm) {
    stop();
    byte[] encoded = codec.encode(pcm);
    int packets = (encoded.length + SAMPLES_PER_PACKET - 1) / SAMPLES_PER_PACKET;
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] sent = {0};
    Runnable tick =
        () -> {
          if (sent[0] >= packets) {
            done.complete(null);
            return;
          }
          sendFrame(encoded, sent[0]++ * SAMPLES_PER_PACKET, sent[0] == 1);
        };
    ScheduledFuture<?> ticks = clock.scheduleAtFixedRate(tick, 0, 20, TimeUnit.MILLISECONDS);
    done.whenComplete((v, e) -> ticks.cancel(false));
    current = done;
    return done;
  }

  /** Stops playing; the current play's future is cancelled. */
  public synchronized void stop() {
    if (current != null) {
      current.cancel(false);
      current = null;
    }
  }

  private synchronized void sendFrame(byte[] encoded, int offset, boolean first) {
    byte[] frame = new byte[SAMPLES_PER_PACKET];
    java.util.Arrays.fill(frame, codec == G711.PCMU ? (byte) 0xFF : (byte) 0xD5);
    System.arraycopy(encoded, offset, frame, 0, Math.min(SAMPLES_PER_PACKET, encoded.length - offset));
    out.accept(new RtpPacket(first, codec.payloadType(), sequence, timestamp, ssrc, frame));
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + SAMPLES_PER_PACKET) & 0xffffffffL;
  }
}
