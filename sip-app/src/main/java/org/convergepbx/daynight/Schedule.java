package org.convergepbx.daynight;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A time group's rules in its time zone: "day" while any rule matches. Pure; the caller supplies the instant.
 *
 * @param rules the rules, any of which makes it day
 * @param zone the time zone the rules are written in
 */
public record Schedule(List<TimeRule> rules, ZoneId zone) {
  /** How far ahead {@link #nextChange} looks. */
  static final long HORIZON_DAYS = 366;

  public Schedule {
    rules = List.copyOf(rules);
  }

  /** True if some rule matches at {@code at}. */
  public boolean isDay(Instant at) {
    LocalDateTime local = LocalDateTime.ofInstant(at, zone);
    return rules.stream().anyMatch(r -> r.matches(local));
  }

  /**
   * The first minute boundary after {@code from} at which {@link #isDay} differs from its value at {@code from},
   * within a year; empty if it never changes.
   */
  public Optional<Instant> nextChange(Instant from) {
    boolean now = isDay(from);
    Instant t = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    Instant end = from.plus(HORIZON_DAYS, ChronoUnit.DAYS);
    while (t.isBefore(end)) {
      if (isDay(t) != now) {
        return Optional.of(t);
      }
      t = t.plus(1, ChronoUnit.MINUTES);
    }
    return Optional.empty();
  }
}
