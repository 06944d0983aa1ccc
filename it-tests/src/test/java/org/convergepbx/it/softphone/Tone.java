package org.convergepbx.it.softphone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Telephone-band test tones: writes a sine as an 8 kHz mono 16-bit PCM WAV file, and tells, frame by frame
 * with a Goertzel filter, which of two tones a recording holds.
 */
final class Tone {
  static final float SAMPLE_RATE = 8000;
  private static final int FRAME = (int) (SAMPLE_RATE / 50); // 20 ms, one RTP packet of G.711
  private static final AudioFormat PCM = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
  /** Share of a frame's energy that must lie at one frequency for that tone to dominate the frame. */
  private static final double DOMINANT = 0.5;
  /** Frames quieter than this RMS (about -40 dBFS) hold no tone at all. */
  private static final double SILENCE_RMS = 328;

  private Tone() {}

  /** Writes {@code seconds} of a sine at {@code hz}, at half of full scale, to {@code wav}. */
  static Path write(Path wav, double hz, double seconds) {
    int samples = (int) (seconds * SAMPLE_RATE);
    ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < samples; i++) {
      pcm.putShort((short) Math.round(16384 * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE)));
    }
    try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), PCM, samples)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
      return wav;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Which of two tones each 20 ms frame of {@code wav} holds, ignoring the first {@code skipSeconds} (call
   * set-up, jitter buffer filling).
   */
  static Hearing listen(Path wav, double expectedHz, double unexpectedHz, double skipSeconds) {
    short[] samples = read(wav);
    int frames = 0;
    int expected = 0;
    int unexpected = 0;
    for (int start = (int) (skipSeconds * SAMPLE_RATE); start + FRAME <= samples.length; start += FRAME) {
      frames++;
      double energy = 0;
      for (int i = start; i < start + FRAME; i++) {
        energy += (double) samples[i] * samples[i];
      }
      if (Math.sqrt(energy / FRAME) < SILENCE_RMS) {
        continue;
      }
      if (share(samples, start, expectedHz, energy) >= DOMINANT) {
        expected++;
      } else if (share(samples, start, unexpectedHz, energy) >= DOMINANT) {
        unexpected++;
      }
    }
    return new Hearing(frames, expected, unexpected);
  }

  /**
   * What a recording held: of {@code frames} analysed 20 ms frames, how many the expected tone dominated and
   * how many the unexpected one did.
   */
  record Hearing(int frames, int expected, int unexpected) {
    double expectedShare() {
      return frames == 0 ? 0 : (double) expected / frames;
    }

    double unexpectedShare() {
      return frames == 0 ? 0 : (double) unexpected / frames;
    }

    @Override
    public String toString() {
      return String.format(
          "%d frames of 20 ms: expected tone in %d (%.0f %%), unexpected tone in %d (%.0f %%)",
          frames, expected, 100 * expectedShare(), unexpected, 100 * unexpectedShare());
    }
  }

  /**
   * The share of a frame's energy at {@code hz}: the Goertzel power normalised so that a pure sine at that
   * frequency scores about 1.
   */
  private static double share(short[] samples, int start, double hz, double energy) {
    double coeff = 2 * Math.cos(2 * Math.PI * hz / SAMPLE_RATE);
    double s1 = 0;
    double s2 = 0;
    for (int i = start; i < start + FRAME; i++) {
      double s0 = samples[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return power / (energy * FRAME / 2);
  }

  private static short[] read(Path wav) {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(PCM, AudioSystem.getAudioInputStream(wav.toFile()))) {
      ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
      short[] samples = new short[bytes.remaining() / 2];
      bytes.asShortBuffer().get(samples);
      return samples;
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw new AssertionError("cannot read " + wav + " as " + PCM + ": " + e, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
