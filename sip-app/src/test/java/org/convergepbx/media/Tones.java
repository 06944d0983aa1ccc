package org.convergepbx.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Test audio (shared with it-tests): tones as PCM or WAV, and the Goertzel power of one frequency. */
public final class Tones {
  private Tones() {}

  /** 8 kHz 16-bit little-endian mono PCM of a sine tone. */
  public static byte[] pcm(int samples, double hz, double amplitude) {
    ByteBuffer b = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 8000)));
    }
    return b.array();
  }

  /** A WAV file of a tone (16-bit signed samples, or 8-bit unsigned when bits = 8). */
  public static byte[] wav(float rate, int bits, int channels, double seconds, double hz) throws IOException {
    AudioFormat f = new AudioFormat(rate, bits, channels, bits == 16, false);
    int frames = (int) (rate * seconds);
    ByteBuffer b = ByteBuffer.allocate(frames * channels * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < frames; i++) {
      double v = Math.sin(2 * Math.PI * hz * i / rate);
      for (int c = 0; c < channels; c++) {
        if (bits == 16) {
          b.putShort((short) Math.round(8000 * v));
        } else {
          b.put((byte) (128 + Math.round(60 * v)));
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(b.array()), f, frames), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  public static short[] samples(byte[] pcm) {
    short[] s = new short[pcm.length / 2];
    ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
    return s;
  }

  /** Power at one frequency of 8 kHz samples (Goertzel). */
  public static double power(short[] s, double hz) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
    double q1 = 0;
    double q2 = 0;
    for (short v : s) {
      double q0 = coeff * q1 - q2 + v;
      q2 = q1;
      q1 = q0;
    }
    return q1 * q1 + q2 * q2 - coeff * q1 * q2;
  }
}
