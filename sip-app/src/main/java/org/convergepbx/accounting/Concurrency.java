package org.convergepbx.accounting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Peak number of simultaneous calls per time step, computed by sweeping call intervals. */
public final class Concurrency {
  /** The most steps one report may have. */
  public static final int MAX_STEPS = 10_000;

  /** One step of the report: calls in progress at its busiest moment. */
  public record Step(Instant start, int peak) {}

  /** A call's time in the system; {@code end} null while it is still in progress. */
  public record Interval(Instant start, Instant end) {}

  private Concurrency() {}

  /**
   * Peaks per step over [from, to). A call counts from its start to its end (exclusive); calls still in
   * progress count until {@code to}.
   */
  public static List<Step> peaks(List<Interval> calls, Instant from, Instant to, Duration step) {
    long steps = Duration.between(from, to).toMillis() / step.toMillis()
        + (Duration.between(from, to).toMillis() % step.toMillis() == 0 ? 0 : 1);
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException("more than " + MAX_STEPS + " steps");
    }
    TreeMap<Instant, Integer> changes = new TreeMap<>();
    int active = 0;
    for (Interval c : calls) {
      Instant end = c.end() == null || c.end().isAfter(to) ? to : c.end();
      if (!end.isAfter(from) || !c.start().isBefore(to) || !end.isAfter(c.start())) {
        continue;
      }
      if (c.start().isAfter(from)) {
        changes.merge(c.start(), 1, Integer::sum);
      } else {
        active++;
      }
      changes.merge(end, -1, Integer::sum);
    }
    List<Step> result = new ArrayList<>();
    Instant stepStart = from;
    for (long i = 0; i < steps; i++) {
      Instant stepEnd = stepStart.plus(step);
      int peak = active;
      for (var change : changes.subMap(stepStart, stepEnd).entrySet()) {
        active += change.getValue();
        peak = Math.max(peak, active);
      }
      result.add(new Step(stepStart, peak));
      stepStart = stepEnd;
    }
    return result;
  }
}
