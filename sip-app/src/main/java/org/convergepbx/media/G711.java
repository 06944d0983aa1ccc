package org.convergepbx.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * G.711 μ-law (RTP payload type 0, PCMU) and A-law (8, PCMA) to and from 16-bit linear PCM at 8 kHz, through
 * the JDK's own codecs in {@code javax.sound.sampled}.
 */
public enum G711 {
  PCMU(0, AudioFormat.Encoding.ULAW),
  PCMA(8, AudioFormat.Encoding.ALAW);

  /** Samples a second. */
  public static final float RATE = 8000f;
  /** 16-bit signed little-endian mono PCM at 8 kHz, what prompts and recordings are kept in. */
  public static final AudioFormat LINEAR = new AudioFormat(RATE, 16, 1, true, false);

  private final int payloadType;
  private final AudioFormat format;

  G711(int payloadType, AudioFormat.Encoding encoding) {
    this.payloadType = payloadType;
    this.format = new AudioFormat(encoding, RATE, 8, 1, 1, RATE, false);
  }

  public int payloadType() {
    return payloadType;
  }

  /** The codec of an RTP payload type, or null if it is neither PCMU nor PCMA. */
  public static G711 ofPayloadType(int payloadType) {
    for (G711 c : values()) {
      if (c.payloadType == payloadType) {
        return c;
      }
    }
    return null;
  }

  /** 16-bit little-endian PCM to one byte a sample. */
  public byte[] encode(byte[] linear) {
    return convert(linear, LINEAR, format, linear.length / 2);
  }

  /** One byte a sample to 16-bit little-endian PCM. */
  public byte[] decode(byte[] encoded) {
    return convert(encoded, format, LINEAR, encoded.length);
  }

  private static byte[] convert(byte[] data, AudioFormat from, AudioFormat to, int frames) {
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), from, frames);
        AudioInputStream out = AudioSystem.getAudioInputStream(to, in)) {
      return out.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
