package org.convergepbx.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditSummaryTest {
  @Test
  void secretFieldsAreRedactedAtAnyDepth() {
    String body =
        "[{\"number\":\"1001\",\"secret\":\"s3cret-1\",\"voicemailPin\":\"4321\"},"
            + "{\"number\":\"1002\",\"nested\":{\"Password\":\"pw\",\"sip_ha1\":\"abc\",\"api-token\":\"t\"}}]";
    assertEquals(
        "[{\"number\":\"1001\",\"secret\":\"***\",\"voicemailPin\":\"***\"},"
            + "{\"number\":\"1002\",\"nested\":{\"Password\":\"***\",\"sip_ha1\":\"***\",\"api-token\":\"***\"}}]",
        summary("application/json; charset=UTF-8", body));
  }

  @Test
  void aTrunksRegisterStringKeepsUserAndHostButNotThePassword() {
    assertEquals(
        "{\"name\":\"site-b\",\"register\":\"2999:***@pbx.example:5060\"}",
        summary("application/json", "{\"name\":\"site-b\",\"register\":\"2999:p@ss:word@pbx.example:5060\"}"));
  }

  @Test
  void objectsAndNumbersAsSecretsAreReplacedWhole() {
    assertEquals("{\"pin\":\"***\",\"secret\":\"***\"}", summary("application/json", "{\"pin\":1234,\"secret\":{\"a\":1}}"));
  }

  @Test
  void otherBodiesAreDescribedByTypeAndSizeOnly() {
    String csv = "number,name,secret\n1001,A,s3cret\n";
    String described = summary("text/csv", csv);
    assertEquals("text/csv, " + csv.length() + " bytes", described);
    assertFalse(described.contains("s3cret"));
    assertEquals("malformed JSON, 10 bytes", summary("application/json", "{\"secret\":"));
    assertEquals("", AuditSummary.of(null, new byte[0], 0));
  }

  @Test
  void aJsonBodyCapturedInPartIsNotShown() {
    byte[] part = "{\"number\":\"1001\",\"secret\":\"s3".getBytes(StandardCharsets.UTF_8);
    assertEquals("application/json, 5000 bytes", AuditSummary.of("application/json", part, 5000));
  }

  private static String summary(String type, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return AuditSummary.of(type, bytes, bytes.length);
  }
}
