package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverloadGuardTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private double heap = 40;
  private double cpu = 10;
  private final OverloadGuard guard = new OverloadGuard(new OverloadGuard.Load() {
    @Override
    public double heapPercent() {
      return heap;
    }

    @Override
    public double cpuPercent() {
      return cpu;
    }
  }, new OverloadGuard.Thresholds(90, 95, 100, 10), clock);

  @Test
  void heapAboveItsThresholdRefusesUntilItIsBackBelowNineTenthsOfIt() {
    assertEquals(Optional.empty(), guard.refusal());
    heap = 92;
    next();
    assertEquals(Optional.of("heap 92% in use"), guard.refusal());
    heap = 85;
    next();
    assertTrue(guard.refusal().isPresent(), "85% is not yet below 81%: no flapping");
    heap = 80;
    next();
    assertEquals(Optional.empty(), guard.refusal(), "recovers by itself");
  }

  @Test
  void cpuCountsOnlyWhenSustainedOverTheWholeWindow() {
    cpu = 100;
    for (int i = 0; i < OverloadGuard.CPU_SAMPLES - 1; i++) {
      next();
      assertEquals(Optional.empty(), guard.refusal(), "a short burst is not overload");
    }
    next();
    assertEquals(Optional.of("CPU 100%"), guard.refusal());
    cpu = 20;
    for (int i = 0; i < OverloadGuard.CPU_SAMPLES; i++) {
      next();
    }
    assertEquals(Optional.empty(), guard.refusal());
  }

  @Test
  void requestsInProgressAboveTheThresholdRefuse() {
    guard.pending(100);
    assertEquals(Optional.of("100 requests in progress"), guard.refusal());
    guard.pending(50);
    assertEquals(Optional.empty(), guard.refusal());
  }

  @Test
  void aDrainedNodeRefusesWhateverItsLoadAndReturnsWhenTakenBack() {
    guard.drain(true);
    assertEquals(Optional.of("draining"), guard.refusal());
    assertTrue(guard.status().draining());
    guard.drain(false);
    assertEquals(Optional.empty(), guard.refusal());
  }

  private void next() {
    clock.advance(Duration.ofSeconds(1));
    guard.sample();
  }
}
