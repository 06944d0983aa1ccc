package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpPacketTest {
  @Test
  void aPacketSurvivesTheWire() {
    RtpPacket p = new RtpPacket(true, 0, 65535, 0xFFFFFF00L, 0xDEADBEEFL, new byte[] {1, 2, 3});
    byte[] wire = p.toBytes();
    RtpPacket back = RtpPacket.parse(wire, wire.length);
    assertEquals(p.marker(), back.marker());
    assertEquals(0, back.payloadType());
    assertEquals(65535, back.sequence());
    assertEquals(0xFFFFFF00L, back.timestamp());
    assertEquals(0xDEADBEEFL, back.ssrc());
    assertArrayEquals(new byte[] {1, 2, 3}, back.payload());
  }

  @Test
  void csrcsExtensionAndPaddingAreSkipped() {
    byte[] wire = {
      (byte) 0xB1, 8, 0, 1, 0, 0, 0, 10, 0, 0, 0, 7, // V=2 P=1 X=1 CC=1, PT 8
      0, 0, 0, 9, // one CSRC
      (byte) 0xBE, (byte) 0xDE, 0, 1, 1, 2, 3, 4, // extension header, one word
      42, 43, 0, 2 // payload 42 43, then 2 bytes of padding (last byte = 2)
    };
    RtpPacket p = RtpPacket.parse(wire, wire.length);
    assertEquals(8, p.payloadType());
    assertArrayEquals(new byte[] {42, 43}, p.payload());
  }

  @Test
  void whatIsNotRtpIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(new byte[5], 5));
    byte[] v1 = new RtpPacket(false, 0, 1, 1, 1, new byte[0]).toBytes();
    v1[0] = 0x40;
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(v1, v1.length));
    byte[] lyingCsrc = new RtpPacket(false, 0, 1, 1, 1, new byte[0]).toBytes();
    lyingCsrc[0] = (byte) 0x8F;
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(lyingCsrc, lyingCsrc.length));
  }

  @Test
  void sequenceDistanceWrapsAround() {
    assertEquals(1, RtpPacket.sequenceDistance(65535, 0));
    assertEquals(-1, RtpPacket.sequenceDistance(0, 65535));
    assertEquals(5, RtpPacket.sequenceDistance(100, 105));
    assertTrue(RtpPacket.sequenceDistance(105, 100) < 0);
  }
}
