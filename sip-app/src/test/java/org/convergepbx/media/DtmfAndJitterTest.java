package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfAndJitterTest {
  private static final int EVENT_PT = 101;

  private static RtpPacket event(int seq, long ts, char key, boolean end, int duration) {
    byte[] payload = new TelephoneEvent(TelephoneEvent.codeOf(key), end, 10, duration).toBytes();
    return new RtpPacket(duration == 160, EVENT_PT, seq, ts, 1, payload);
  }

  @Test
  void eachEventIsOneKeyPressHoweverManyPacketsCarryIt() {
    List<Character> keys = new ArrayList<>();
    DtmfDetector detector = new DtmfDetector(EVENT_PT, keys::add);
    int seq = 10;
    for (char key : new char[] {'1', '#', '1'}) {
      long ts = seq * 160L;
      detector.accept(event(seq++, ts, key, false, 160));
      detector.accept(event(seq++, ts, key, false, 320));
      for (int i = 0; i < 3; i++) {
        detector.accept(event(seq++, ts, key, true, 480));
      }
      detector.accept(new RtpPacket(false, 0, seq++, ts + 640, 1, new byte[160]));
    }
    assertEquals(List.of('1', '#', '1'), keys);
  }

  @Test
  void telephoneEventsRoundTrip() {
    TelephoneEvent e = TelephoneEvent.parse(new TelephoneEvent(11, true, 7, 800).toBytes());
    assertEquals('#', e.digit());
    assertEquals(true, e.end());
    assertEquals(800, e.duration());
    assertEquals(11, TelephoneEvent.codeOf('#'));
    assertEquals(-1, TelephoneEvent.codeOf('x'));
  }

  private static RtpPacket audio(int seq, int marker) {
    return new RtpPacket(false, 0, seq, seq * 160L, 1, new byte[] {(byte) marker});
  }

  @Test
  void reorderedPacketsComeOutInOrderAndAGapBecomesSilence() {
    List<Integer> out = new ArrayList<>();
    JitterBuffer buffer = new JitterBuffer(3, 1, (byte) 0x7f, f -> out.add((int) f[0]));
    int[] arrival = {65533, 65535, 65534, 1, 2, 3, 4, 65534};
    for (int seq : arrival) {
      buffer.accept(audio(seq, seq % 100));
    }
    buffer.flush();
    assertEquals(List.of(33, 34, 35, 0x7f, 1, 2, 3, 4), out, "sequence 0 was lost; 65534 came late then twice");
    assertEquals(1, buffer.lost());
    assertEquals(1, buffer.late());
  }
}
