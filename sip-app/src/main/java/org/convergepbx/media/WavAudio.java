package org.convergepbx.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * WAV files in and out of the product's audio format (8 kHz, 16-bit signed PCM, mono), with
 * {@code javax.sound.sampled}. Uploads must be 16-bit PCM mono (the seeds' format); other sample rates are
 * converted to 8 kHz (the JDK has no sample-rate converter, so a small one is here: averaging for
 * downsampling, linear interpolation between samples).
 */
public final class WavAudio {
  private WavAudio() {}

  /** Why an upload is not accepted. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String reason) {
      super(reason);
    }
  }

  /**
   * Reads an uploaded WAV file and returns its audio as 8 kHz 16-bit little-endian mono PCM.
   *
   * @param maxSeconds the longest recording accepted
   * @throws Refused with the reason: not WAV, not PCM, 8-bit, stereo, too long, empty
   */
  public static byte[] readUpload(byte[] file, int maxSeconds) throws Refused {
    AudioFileFormat fileFormat;
    try {
      fileFormat = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(file));
    } catch (UnsupportedAudioFileException | IOException e) {
      throw new Refused("not a WAV file");
    }
    if (fileFormat.getType() != AudioFileFormat.Type.WAVE) {
      throw new Refused("not a WAV file (" + fileFormat.getType() + ")");
    }
    AudioFormat f = fileFormat.getFormat();
    if (f.getSampleSizeInBits() == 8) {
      throw new Refused("8-bit samples: record 16-bit PCM");
    }
    if (!AudioFormat.Encoding.PCM_SIGNED.equals(f.getEncoding()) || f.getSampleSizeInBits() != 16) {
      throw new Refused("not 16-bit PCM (" + f.getEncoding() + ", " + f.getSampleSizeInBits() + "-bit)");
    }
    if (f.getChannels() != 1) {
      throw new Refused(f.getChannels() == 2 ? "stereo: record mono" : f.getChannels() + " channels: record mono");
    }
    long frames = fileFormat.getFrameLength();
    if (frames != AudioSystem.NOT_SPECIFIED && frames > (long) maxSeconds * f.getSampleRate()) {
      throw new Refused(String.format("too long: %.1f s, at most %d s", frames / f.getSampleRate(), maxSeconds));
    }
    short[] samples = read(file, f);
    if (samples.length == 0) {
      throw new Refused("no audio in the file");
    }
    return toBytes(resample(samples, f.getSampleRate(), G711.RATE));
  }

  /** A WAV file of 8 kHz 16-bit mono PCM. */
  public static byte[] toWav(byte[] pcm) {
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), G711.LINEAR, pcm.length / 2)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 44);
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts a sample rate (averaging the samples each output sample covers when reducing). */
  static short[] resample(short[] in, float from, float to) {
    if (from == to) {
      return in;
    }
    int outLength = (int) Math.floor(in.length * (double) to / from);
    short[] out = new short[outLength];
    double step = from / (double) to;
    for (int i = 0; i < outLength; i++) {
      double start = i * step;
      if (step > 1) {
        int a = (int) Math.floor(start);
        int b = Math.min(in.length, (int) Math.floor(start + step));
        long sum = 0;
        for (int k = a; k < b; k++) {
          sum += in[k];
        }
        out[i] = (short) (sum / Math.max(1, b - a));
      } else {
        int a = (int) Math.floor(start);
        int b = Math.min(in.length - 1, a + 1);
        double frac = start - a;
        out[i] = (short) Math.round(in[a] * (1 - frac) + in[b] * frac);
      }
    }
    return out;
  }

  private static short[] read(byte[] file, AudioFormat f) throws Refused {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
      byte[] data = in.readAllBytes();
      ByteBuffer b = ByteBuffer.wrap(data).order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      short[] s = new short[data.length / 2];
      for (int i = 0; i < s.length; i++) {
        s[i] = b.getShort();
      }
      return s;
    } catch (UnsupportedAudioFileException | IOException e) {
      throw new Refused("unreadable WAV data: " + e.getMessage());
    }
  }

  private static byte[] toBytes(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }
}
