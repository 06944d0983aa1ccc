package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** System recordings over HTTP: WAV uploads converted to 8 kHz, played back, refused with the reason, deleted. */
class RecordingsIT extends ContainerTest {

  @Test
  void anUploadIsConvertedListedPlayedBackAndDeleted() throws Exception {
    String name = "welcome-" + uniqueNumber();
    HttpResponse<String> created =
        api.upload("/api/v1/recordings", Map.of("name", name, "description", "Welcome"), "welcome.wav",
            wav(16000, 16, 1, 1.5, 1000));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode r = JSON.readTree(created.body());
    assertEquals(1500, r.path("durationMs").asInt(), r.toString());
    assertTrue(api.get("/api/v1/recordings").body().contains("\"name\":\"" + name + "\""));

    HttpResponse<byte[]> audio = api.getBytes("/api/v1/recordings/" + name + ".wav");
    assertEquals(200, audio.statusCode());
    assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.body()))) {
      assertEquals(8000f, in.getFormat().getSampleRate(), "stored at 8 kHz");
      short[] s = new short[(int) in.getFrameLength()];
      ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
      assertTrue(power(s, 1000) > 100 * power(s, 2500), "the uploaded tone plays back");
    }

    assertEquals(409, api.upload("/api/v1/recordings", Map.of("name", name), "again.wav", wav(8000, 16, 1, 0.2, 440)).statusCode());
    assertEquals(204, api.delete("/api/v1/recordings/" + name).statusCode());
    assertEquals(404, api.get("/api/v1/recordings/" + name).statusCode());
    assertEquals(404, api.getBytes("/api/v1/recordings/" + name + ".wav").statusCode());
  }

  @Test
  void badUploadsAreRefusedWithTheReasonAndStoreNothing() throws Exception {
    String name = "bad-" + uniqueNumber();
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "stereo.wav", wav(8000, 16, 2, 0.2, 440)), "stereo");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "8bit.wav", wav(8000, 8, 1, 0.2, 440)), "8-bit");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "notes.txt", "hello".getBytes()), "not a WAV file");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "long.wav", wav(8000, 16, 1, 301, 440)), "too long");
    assertField(api.upload("/api/v1/recordings", Map.of("name", "Bad Name"), "x.wav", wav(8000, 16, 1, 0.2, 440)), "name");
    assertField(api.upload("/api/v1/recordings", Map.of("name", name), null, null), "file");
    assertField(api.post("/api/v1/recordings", "{\"name\":\"x\"}", "application/json"), "body");
    assertEquals(404, api.get("/api/v1/recordings/" + name).statusCode(), "nothing was stored");
  }

  private static void assertReason(HttpResponse<String> r, String reason) {
    assertField(r, "file");
    assertTrue(r.body().contains(reason), r.body());
  }

  private static byte[] wav(float rate, int bits, int channels, double seconds, double hz) throws Exception {
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
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(b.array()), f, frames), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  private static double power(short[] s, double hz) {
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
