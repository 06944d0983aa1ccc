package org.convergepbx.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

  @Test
  void peaksPerStepCountOverlappingCalls() {
    List<Concurrency.Interval> calls =
        List.of(
            call(-30, 90),
            call(10, 50),
            call(20, 30),
            call(70, 200),
            call(130, null));
    List<Concurrency.Step> steps =
        Concurrency.peaks(calls, T0, T0.plusSeconds(180), Duration.ofMinutes(1));
    assertEquals(List.of(3, 2, 2), steps.stream().map(Concurrency.Step::peak).toList());
    assertEquals(T0.plusSeconds(60), steps.get(1).start());
  }

  @Test
  void endIsExclusiveAndCallsOutsideTheRangeDoNotCount() {
    List<Concurrency.Interval> calls = List.of(call(0, 60), call(60, 120), call(-100, -10), call(500, 600));
    List<Concurrency.Step> steps =
        Concurrency.peaks(calls, T0, T0.plusSeconds(120), Duration.ofMinutes(1));
    assertEquals(List.of(1, 1), steps.stream().map(Concurrency.Step::peak).toList());
  }

  @Test
  void tooManyStepsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Concurrency.peaks(List.of(), T0, T0.plus(Duration.ofDays(30)), Duration.ofMinutes(1)));
  }

  private static Concurrency.Interval call(int startSeconds, Integer endSeconds) {
    return new Concurrency.Interval(
        T0.plusSeconds(startSeconds), endSeconds == null ? null : T0.plusSeconds(endSeconds));
  }
}
