package org.convergepbx.media;

/**
 * An RFC 4733 telephone-event payload (DTMF): event code, end bit, volume and duration.
 *
 * @param event 0-9, 10 = *, 11 = #, 12-15 = A-D
 * @param end the E bit: this packet ends the event
 * @param volume 0 to 63 (-dBm0)
 * @param duration in timestamp units (1/8000 s)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
  private static final String DIGITS = "0123456789*#ABCD";

  /**
   * Reads the first event of a payload.
   *
   * @throws IllegalArgumentException if the payload is shorter than 4 bytes
   */
  public static TelephoneEvent parse(byte[] payload) {
    if (payload.length < 4) {
      throw new IllegalArgumentException("a telephone-event payload is 4 bytes, got " + payload.length);
    }
    return new TelephoneEvent(
        payload[0] & 0xff,
        (payload[1] & 0x80) != 0,
        payload[1] & 0x3f,
        ((payload[2] & 0xff) << 8) | (payload[3] & 0xff));
  }

  public byte[] toBytes() {
    return new byte[] {
      (byte) event, (byte) ((end ? 0x80 : 0) | (volume & 0x3f)), (byte) (duration >> 8), (byte) duration
    };
  }

  /** The DTMF key, or 0 for events that are not DTMF (codes above 15). */
  public char digit() {
    return event < DIGITS.length() ? DIGITS.charAt(event) : 0;
  }

  /** The event code of a DTMF key, or -1. */
  public static int codeOf(char digit) {
    return DIGITS.indexOf(Character.toUpperCase(digit));
  }
}
