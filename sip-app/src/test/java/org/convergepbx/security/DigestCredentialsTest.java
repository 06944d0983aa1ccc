package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestCredentialsTest {
  @Test
  void parsesQuotedAndTokenParameters() {
    DigestCredentials c =
        DigestCredentials.parse(
                "Digest username=\"1001\", realm=\"pbx.test\", nonce=\"abc\", uri=\"sip:pbx.test\","
                    + " response=\"0123\", qop=auth, nc=00000001, cnonce=\"x\\\"y\", algorithm=MD5")
            .orElseThrow();
    assertEquals("1001", c.username());
    assertEquals("pbx.test", c.realm());
    assertEquals("auth", c.qop());
    assertEquals("00000001", c.nc());
    assertEquals("x\"y", c.cnonce());
    assertEquals("MD5", c.algorithm());
  }

  @Test
  void refusesWhatIsNotADigestCredential() {
    assertTrue(DigestCredentials.parse(null).isEmpty());
    assertTrue(DigestCredentials.parse("Basic YWxhZGRpbjpvcGVuc2VzYW1l").isEmpty());
    assertTrue(DigestCredentials.parse("Digest username=\"unterminated").isEmpty());
    assertTrue(DigestCredentials.parse("Digest username=\"a\", username=\"b\"").isEmpty());
  }
}
