package org.convergepbx.media;

import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts received audio packets back in sequence order for a recording. Packets are held until {@code depth}
 * later ones have arrived, so a packet that comes late or out of order within that window takes its place; a
 * packet still missing then is replaced by silence of one frame, and one that comes after its place was played
 * out (or a duplicate) is dropped. Sequence numbers wrap at 65535 (RFC 3550 A.1). Not thread-safe.
 */
public final class JitterBuffer {
  private final int depth;
  private final Consumer<byte[]> out;
  private final byte[] silence;
  private final TreeMap<Integer, byte[]> held = new TreeMap<>();
  private int next = -1;
  private long lost;
  private long late;

  /**
   * @param depth how many packets to wait for a missing one (3 = 60 ms at 20 ms packets)
   * @param frameBytes the payload size of one packet, for the silence put in a lost packet's place
   * @param silenceByte the codec's silence (0xFF in μ-law, 0xD5 in A-law)
   * @param out told each frame's payload, in order
   */
  public JitterBuffer(int depth, int frameBytes, byte silenceByte, Consumer<byte[]> out) {
    this.depth = depth;
    this.out = out;
    this.silence = new byte[frameBytes];
    java.util.Arrays.fill(silence, silenceByte);
  }

  public void accept(RtpPacket p) {
    if (next < 0) {
      next = p.sequence();
    }
    int distance = RtpPacket.sequenceDistance(next, p.sequence());
    if (distance < 0 || held.containsKey(distance)) {
      late++;
      return;
    }
    held.put(distance, p.payload());
    while (!held.isEmpty() && (held.containsKey(0) || held.lastKey() >= depth)) {
      playOutNext();
    }
  }

  /** Plays out everything still held, in order, with silence for the gaps (at the end of a recording). */
  public void flush() {
    while (!held.isEmpty()) {
      playOutNext();
    }
  }

  /** Plays out the next frame in sequence, or silence in place of a lost one, and moves on. */
  private void playOutNext() {
    byte[] frame = held.remove(0);
    if (frame == null) {
      lost++;
      frame = silence;
    }
    out.accept(frame);
    advance();
  }

  /** Packets replaced by silence. */
  public long lost() {
    return lost;
  }

  /** Packets dropped for coming after their place was played out, or twice. */
  public long late() {
    return late;
  }

  private void advance() {
    next = (next + 1) & 0xffff;
    TreeMap<Integer, byte[]> shifted = new TreeMap<>();
    held.forEach((k, v) -> shifted.put(k - 1, v));
    held.clear();
    held.putAll(shifted);
  }
}
