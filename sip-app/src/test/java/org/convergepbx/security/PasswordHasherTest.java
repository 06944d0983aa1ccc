package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = PasswordHasher.hash("open sesame");
    assertTrue(PasswordHasher.verify("open sesame", hash));
    assertFalse(PasswordHasher.verify("open sesame!", hash));
    assertFalse(hash.contains("open sesame"));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(PasswordHasher.hash("1234"), PasswordHasher.hash("1234"));
  }

  @Test
  void malformedStoredValuesNeverVerify() {
    assertFalse(PasswordHasher.verify("x", null));
    assertFalse(PasswordHasher.verify("x", "plain"));
    assertFalse(PasswordHasher.verify("x", "pbkdf2-sha256$notanumber$AAAA$AAAA"));
  }
}
