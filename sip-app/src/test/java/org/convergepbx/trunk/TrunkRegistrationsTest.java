package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class TrunkRegistrationsTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aRegistrationIsRenewedAtHalfItsTimeAndAFailureRetriedLater() {
    TrunkRegistrations r = new TrunkRegistrations();
    assertTrue(r.due("provider", T));
    r.sending("provider", T);
    assertEquals(TrunkRegistrations.State.REGISTERING, r.status("provider").state());
    assertFalse(r.due("provider", T.plusSeconds(5)), "waiting for the answer");
    r.registered("provider", T.plusSeconds(1), Duration.ofSeconds(300));
    assertEquals(T.plusSeconds(301), r.status("provider").expiresAt());
    assertFalse(r.due("provider", T.plusSeconds(150)));
    assertTrue(r.due("provider", T.plusSeconds(151)), "renewed at half the granted time");
    r.failed("provider", T.plusSeconds(151), "403 Forbidden");
    assertEquals("403 Forbidden", r.status("provider").lastError());
    assertFalse(r.due("provider", T.plusSeconds(180)));
    assertTrue(r.due("provider", T.plusSeconds(181)));
  }

  @Test
  void aRegisterStringIsReadAndItsSecretNeverShown() {
    Registration r = Registration.parse("site-a:s3cret@10.0.0.10:5080");
    assertEquals(new Registration("site-a", "s3cret", "10.0.0.10", 5080), r);
    assertEquals("site-a@10.0.0.10:5080", r.text());
    assertEquals(5060, Registration.parse("u:p@sip.example.org").port());
    assertEquals("register", assertThrows(InvalidInputException.class, () -> Registration.parse("u@host")).field());
    assertEquals("register", assertThrows(InvalidInputException.class, () -> Registration.parse("u:p@h:70000")).field());
  }
}
