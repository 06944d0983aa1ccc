package org.convergepbx.daynight;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The two modes of a Day/Night control. */
public enum Mode {
  DAY,
  NIGHT;

  public Mode other() {
    return this == DAY ? NIGHT : DAY;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named (case-insensitive), or null. */
  public static Mode named(String name) {
    for (Mode m : values()) {
      if (m.label().equalsIgnoreCase(name)) {
        return m;
      }
    }
    return null;
  }

  /**
   * The mode in force at {@code now}: a manual setting until {@code manualUntil} (null: until set again), then
   * the schedule; without a schedule, the last manual setting (day if there never was one).
   */
  public static Mode effective(Mode manual, Instant manualUntil, Optional<Schedule> schedule, Instant now) {
    if (manual != null && (manualUntil == null || now.isBefore(manualUntil))) {
      return manual;
    }
    if (schedule.isPresent()) {
      return schedule.get().isDay(now) ? DAY : NIGHT;
    }
    return manual == null ? DAY : manual;
  }
}
