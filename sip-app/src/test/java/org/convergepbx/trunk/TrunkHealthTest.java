package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrunkHealthTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private final TrunkHealth health = new TrunkHealth();

  @Test
  void anAnsweredProbeIsUpWithItsRoundTripAndTwoMissedProbesAreDown() {
    assertEquals(TrunkHealth.State.UNKNOWN, health.status("hub").state());
    health.sent("hub", T);
    health.answered("hub", T, T.plusMillis(12));
    assertEquals(TrunkHealth.State.UP, health.status("hub").state());
    assertEquals(Duration.ofMillis(12), health.status("hub").rtt());

    health.sent("hub", T.plusSeconds(10));
    health.sent("hub", T.plusSeconds(20));
    assertFalse(health.down("hub"), "one probe missed: not down yet");
    health.sent("hub", T.plusSeconds(30));
    assertTrue(health.down("hub"), "two intervals without an answer: down");
    assertEquals(T.plusSeconds(30), health.status("hub").since());

    health.answered("hub", T.plusSeconds(30), T.plusSeconds(30).plusMillis(5));
    assertEquals(TrunkHealth.State.UP, health.status("hub").state(), "an answer brings it back");
    health.forget("hub");
    assertEquals(TrunkHealth.State.UNKNOWN, health.status("hub").state());
  }
}
