package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SipsRuleTest {
  @Test
  void aSipsRequestUriOverUdpOrTcpIsRefused() {
    assertEquals(Optional.of("SIPS requires TLS"), SipsRule.refusal("sips:pbx.example.com", List.of(), "UDP"));
    assertEquals(Optional.of("SIPS requires TLS"), SipsRule.refusal("SIPS:1002@pbx.example.com", List.of(), "tcp"));
  }

  @Test
  void aSipsContactOverUdpIsRefusedEvenUnderASipRequestUri() {
    assertTrue(
        SipsRule.refusal("sip:pbx.example.com", List.of("sip:1001@10.0.0.5", "sips:1001@10.0.0.5"), "UDP")
            .isPresent());
  }

  @Test
  void sipsOverTlsIsAccepted() {
    assertEquals(
        Optional.empty(), SipsRule.refusal("sips:pbx.example.com", List.of("sips:1001@10.0.0.5"), "TLS"));
    assertEquals(Optional.empty(), SipsRule.refusal("sips:pbx.example.com", List.of(), "tls"));
  }

  @Test
  void plainSipIsAcceptedOnEveryTransport() {
    assertEquals(Optional.empty(), SipsRule.refusal("sip:pbx.example.com", List.of("sip:1001@10.0.0.5"), "UDP"));
    assertEquals(Optional.empty(), SipsRule.refusal("sip:pbx.example.com", List.of(), "TLS"));
  }

  @Test
  void onlySipsOrTransportTlsContactsAreReachedOverTls() {
    assertTrue(SipsRule.reachedOverTls("sips:1001@10.0.0.5:5061"));
    assertTrue(SipsRule.reachedOverTls("sip:1001@10.0.0.5:5061;transport=tls"));
    assertTrue(SipsRule.reachedOverTls("sip:1001@10.0.0.5:5061;transport=TLS;ob"));
    assertFalse(SipsRule.reachedOverTls("sip:1001@10.0.0.5:5060"));
    assertFalse(SipsRule.reachedOverTls("sip:1001@10.0.0.5:5060;transport=tcp"));
    assertFalse(SipsRule.reachedOverTls("sip:1001@10.0.0.5;transport=tlsx"));
    assertFalse(SipsRule.reachedOverTls("sip:tls@10.0.0.5"));
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    assertTrue(SipsRule.isSips("SiPs:1001@pbx"));
    assertFalse(SipsRule.isSips("sip:1001@pbx"));
    assertFalse(SipsRule.isSips(null));
  }
}
