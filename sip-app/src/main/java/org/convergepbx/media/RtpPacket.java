package org.convergepbx.media;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An RTP packet (RFC 3550 §5.1): the fixed header, CSRCs and header extension skipped, padding removed.
 *
 * @param marker the M bit (start of a talkspurt; the first packet of an RFC 4733 event)
 * @param payloadType 0 to 127
 * @param sequence 16-bit sequence number, 0 to 65535
 * @param timestamp 32-bit sampling timestamp, as an unsigned value
 * @param ssrc synchronisation source, as an unsigned value
 * @param payload the payload
 */
public record RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
  static final int HEADER = 12;

  /**
   * Reads a packet received from the network.
   *
   * @throws IllegalArgumentException if it is not an RTP version 2 packet or its lengths do not add up
   */
  public static RtpPacket parse(byte[] data, int length) {
    if (length < HEADER) {
      throw new IllegalArgumentException("shorter than an RTP header: " + length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(data, 0, length);
    int first = b.get() & 0xff;
    if (first >> 6 != 2) {
      throw new IllegalArgumentException("not RTP version 2");
    }
    boolean padding = (first & 0x20) != 0;
    boolean extension = (first & 0x10) != 0;
    int csrcs = first & 0x0f;
    int second = b.get() & 0xff;
    int sequence = b.getShort() & 0xffff;
    long timestamp = b.getInt() & 0xffffffffL;
    long ssrc = b.getInt() & 0xffffffffL;
    int offset = HEADER + 4 * csrcs;
    if (extension) {
      if (length < offset + 4) {
        throw new IllegalArgumentException("truncated header extension");
      }
      int words = ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
      offset += 4 + 4 * words;
    }
    int end = length;
    if (padding) {
      end -= data[length - 1] & 0xff;
    }
    if (offset > end) {
      throw new IllegalArgumentException("header longer than the packet");
    }
    return new RtpPacket(
        (second & 0x80) != 0, second & 0x7f, sequence, timestamp, ssrc, Arrays.copyOfRange(data, offset, end));
  }

  /** The packet as sent: version 2, no padding, extension or CSRC. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.put((byte) 0x80);
    b.put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f)));
    b.putShort((short) sequence);
    b.putInt((int) timestamp);
    b.putInt((int) ssrc);
    b.put(payload);
    return b.array();
  }

  /**
   * How far {@code sequence} is ahead of {@code reference}, modulo 2^16 (RFC 3550 A.1): negative when it is
   * behind, so a packet just after a wrap from 65535 to 0 still counts as later.
   */
  public static int sequenceDistance(int reference, int sequence) {
    return (short) (sequence - reference);
  }
}
