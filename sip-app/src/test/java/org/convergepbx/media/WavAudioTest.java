package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** WAV uploads: what is accepted and converted to 8 kHz, and what is refused with which reason. */
class WavAudioTest {
  @Test
  void a16kHzMonoUploadBecomes8kHzAndKeepsItsTone() throws Exception {
    byte[] pcm = WavAudio.readUpload(Tones.wav(16000, 16, 1, 1.0, 1000), 300);
    assertEquals(16000, pcm.length, "one second at 8 kHz, 2 bytes a sample");
    short[] s = Tones.samples(pcm);
    assertTrue(Tones.power(s, 1000) > 100 * Tones.power(s, 2500), "the 1 kHz tone survives the conversion");
  }

  @Test
  void an8kHzUploadIsKeptAsIs() throws Exception {
    assertEquals(8000, WavAudio.readUpload(Tones.wav(8000, 16, 1, 0.5, 440), 300).length);
  }

  @Test
  void uploadsOutsideTheFormatAreRefusedWithTheReason() throws Exception {
    assertRefused("stereo", Tones.wav(8000, 16, 2, 0.2, 440), 300);
    assertRefused("8-bit", Tones.wav(8000, 8, 1, 0.2, 440), 300);
    assertRefused("too long", Tones.wav(8000, 16, 1, 3.0, 440), 2);
    assertRefused("not a WAV file", "RIFF....not really audio at all".getBytes(), 300);
    assertRefused("not a WAV file", new byte[0], 300);
  }

  @Test
  void theStoredFormIsA8kHzMonoWav() throws Exception {
    byte[] wav = WavAudio.toWav(new byte[1600]);
    AudioFileFormat f = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
    assertEquals(AudioFileFormat.Type.WAVE, f.getType());
    assertEquals(8000f, f.getFormat().getSampleRate());
    assertEquals(1, f.getFormat().getChannels());
    assertEquals(800, f.getFrameLength());
  }

  private static void assertRefused(String reason, byte[] file, int maxSeconds) {
    WavAudio.Refused e = assertThrows(WavAudio.Refused.class, () -> WavAudio.readUpload(file, maxSeconds));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

}
