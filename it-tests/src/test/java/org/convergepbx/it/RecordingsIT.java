package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.convergepbx.media.Tones;
import org.junit.jupiter.api.Test;

/** System recordings over HTTP: WAV uploads converted to 8 kHz, played back, refused with the reason, deleted. */
class RecordingsIT extends ContainerTest {

  @Test
  void anUploadIsConvertedListedPlayedBackAndDeleted() throws Exception {
    String name = "welcome-" + uniqueNumber();
    HttpResponse<String> created =
        api.upload("/api/v1/recordings", Map.of("name", name, "description", "Welcome"), "welcome.wav",
            Tones.wav(16000, 16, 1, 1.5, 1000));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode r = JSON.readTree(created.body());
    assertEquals(1500, r.path("durationMs").asInt(), r.toString());
    assertTrue(api.get("/api/v1/recordings").body().contains("\"name\":\"" + name + "\""));

    HttpResponse<byte[]> audio = api.getBytes("/api/v1/recordings/" + name + ".wav");
    assertEquals(200, audio.statusCode());
    assertEquals("audio/wav", audio.headers().firstValue("Content-Type").orElse(""));
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(audio.body()))) {
      assertEquals(8000f, in.getFormat().getSampleRate(), "stored at 8 kHz");
      short[] s = Tones.samples(in.readAllBytes());
      assertTrue(Tones.power(s, 1000) > 100 * Tones.power(s, 2500), "the uploaded tone plays back");
    }

    assertEquals(409, api.upload("/api/v1/recordings", Map.of("name", name), "again.wav", Tones.wav(8000, 16, 1, 0.2, 440)).statusCode());
    assertEquals(204, api.delete("/api/v1/recordings/" + name).statusCode());
    assertEquals(404, api.get("/api/v1/recordings/" + name).statusCode());
    assertEquals(404, api.getBytes("/api/v1/recordings/" + name + ".wav").statusCode());
  }

  @Test
  void badUploadsAreRefusedWithTheReasonAndStoreNothing() throws Exception {
    String name = "bad-" + uniqueNumber();
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "stereo.wav", Tones.wav(8000, 16, 2, 0.2, 440)), "stereo");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "8bit.wav", Tones.wav(8000, 8, 1, 0.2, 440)), "8-bit");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "notes.txt", "hello".getBytes()), "not a WAV file");
    assertReason(api.upload("/api/v1/recordings", Map.of("name", name), "long.wav", Tones.wav(8000, 16, 1, 301, 440)), "too long");
    assertField(api.upload("/api/v1/recordings", Map.of("name", "Bad Name"), "x.wav", Tones.wav(8000, 16, 1, 0.2, 440)), "name");
    assertField(api.upload("/api/v1/recordings", Map.of("name", name), null, null), "file");
    assertField(api.post("/api/v1/recordings", "{\"name\":\"x\"}", "application/json"), "body");
    assertEquals(404, api.get("/api/v1/recordings/" + name).statusCode(), "nothing was stored");
  }

  private static void assertReason(HttpResponse<String> r, String reason) {
    assertField(r, "file");
    assertTrue(r.body().contains(reason), r.body());
  }


}
