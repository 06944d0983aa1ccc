package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** G.711 through javax.sound.sampled: a 1 kHz tone survives encoding within the codec's quantisation. */
class G711Test {
  private static double snrDb(byte[] original, byte[] decoded) {
    ByteBuffer a = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer d = ByteBuffer.wrap(decoded).order(ByteOrder.LITTLE_ENDIAN);
    double signal = 0;
    double noise = 0;
    while (a.hasRemaining()) {
      double s = a.getShort();
      double e = s - d.getShort();
      signal += s * s;
      noise += e * e;
    }
    return 10 * Math.log10(signal / noise);
  }

  @Test
  void bothLawsCarryAToneWithTheirUsualFidelity() {
    byte[] pcm = Tones.pcm(160, 1000, 8000);
    for (G711 codec : G711.values()) {
      byte[] encoded = codec.encode(pcm);
      assertEquals(160, encoded.length, codec + ": one byte a sample");
      byte[] decoded = codec.decode(encoded);
      assertEquals(320, decoded.length, codec + ": two bytes a sample");
      double snr = snrDb(pcm, decoded);
      assertTrue(snr > 30, codec + " SNR " + snr + " dB");
    }
  }

  @Test
  void payloadTypesAreTheStaticOnes() {
    assertEquals(G711.PCMU, G711.ofPayloadType(0));
    assertEquals(G711.PCMA, G711.ofPayloadType(8));
    assertNull(G711.ofPayloadType(18));
  }
}
