package org.convergepbx.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {
  private static final String HOST = "pbx.example:8080";

  @Test
  void thePagesOwnRequestIsAccepted() {
    assertEquals(Optional.empty(), CrossSiteCheck.refusal(HOST, "http://pbx.example:8080", null, "XMLHttpRequest"));
    assertEquals(Optional.empty(), CrossSiteCheck.refusal(HOST, null, "http://PBX.example:8080/reports/", "x"));
    assertEquals(Optional.empty(), CrossSiteCheck.refusal("[::1]:8080", "http://[::1]:8080", null, "x"));
    assertEquals(Optional.empty(), CrossSiteCheck.refusal("pbx.example", "https://pbx.example", null, "x"));
  }

  @Test
  void aRequestWithoutABrowsersMarksIsAccepted() {
    assertEquals(Optional.empty(), CrossSiteCheck.refusal(HOST, null, null, null));
  }

  @Test
  void anotherSitesRequestIsRefused() {
    assertTrue(CrossSiteCheck.refusal(HOST, "http://evil.example", null, "x").orElseThrow().contains("evil.example"));
    assertTrue(CrossSiteCheck.refusal(HOST, "http://pbx.example:8081", null, "x").isPresent(), "another port");
    assertTrue(CrossSiteCheck.refusal(HOST, "http://pbx.example.evil.example:8080", null, "x").isPresent());
    assertTrue(CrossSiteCheck.refusal(HOST, "null", null, "x").isPresent(), "an opaque origin");
    assertTrue(CrossSiteCheck.refusal(HOST, null, "http://evil.example/form.html", "x").isPresent());
    assertTrue(CrossSiteCheck.refusal(null, "http://pbx.example:8080", null, "x").isPresent(), "no Host");
  }

  @Test
  void aBrowsersSameOriginRequestWithoutTheMarkIsRefused() {
    assertTrue(
        CrossSiteCheck.refusal(HOST, "http://pbx.example:8080", null, null).orElseThrow().contains("X-Requested-With"));
    assertTrue(CrossSiteCheck.refusal(HOST, null, "http://pbx.example:8080/x", " ").isPresent());
  }
}
