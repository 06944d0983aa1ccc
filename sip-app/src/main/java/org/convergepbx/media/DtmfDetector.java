package org.convergepbx.media;

import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 telephone-event packets into key presses: one press per event, however many
 * packets carry it (the start, its updates and the three redundant end packets all share the event's RTP
 * timestamp), reported on its first packet so that menus react at once. Packets of other payload types are
 * ignored. Not thread-safe: fed by one receiving thread.
 */
public final class DtmfDetector {
  private final int payloadType;
  private final Consumer<Character> keys;
  private long lastEventTimestamp = -1;

  /**
   * @param payloadType the telephone-event payload type negotiated in SDP (often 101)
   * @param keys told each key once
   */
  public DtmfDetector(int payloadType, Consumer<Character> keys) {
    this.payloadType = payloadType;
    this.keys = keys;
  }

  public void accept(RtpPacket packet) {
    if (packet.payloadType() != payloadType || packet.timestamp() == lastEventTimestamp) {
      return;
    }
    TelephoneEvent event;
    try {
      event = TelephoneEvent.parse(packet.payload());
    } catch (IllegalArgumentException malformed) {
      return;
    }
    char digit = event.digit();
    if (digit != 0) {
      lastEventTimestamp = packet.timestamp();
      keys.accept(digit);
    }
  }
}
