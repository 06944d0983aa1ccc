package org.convergepbx.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VoicemailMailerTest {
  private final VoicemailMessage message =
      new VoicemailMessage("1001", "1002", Instant.parse("2026-11-22T09:15:00Z"), 12.4, Path.of("m.wav"));

  @Test
  void theSubjectNamesMailboxCallerAndLength() {
    assertEquals("Voicemail for 1001 from 1002 (12 s)", VoicemailMailer.subject(message));
  }

  @Test
  void theBodyGivesCallerDateAndLength() {
    String body = VoicemailMailer.body(message);
    assertTrue(body.contains("From: 1002"), body);
    assertTrue(body.contains("Date: 2026-11-22 09:15:00 UTC"), body);
    assertTrue(body.contains("Length: 12.4 s"), body);
  }
}
