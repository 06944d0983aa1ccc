package org.convergepbx.daynight;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import org.convergepbx.common.InvalidInputException;

/**
 * One rule of a time group, written as FreePBX and Asterisk's GotoIfTime write it:
 * {@code times|weekdays|days of month|months}, each part {@code *} or a value or a range, for example
 * {@code 08:00-17:00|mon-fri|*|*}. A range may wrap ({@code fri-mon}, {@code 22:00-06:00}); as in Asterisk,
 * the end minute of a time range is included ({@code 08:00-17:00} matches until 17:00:59).
 */
public final class TimeRule {
  private static final int MINUTES_PER_DAY = 24 * 60;

  private final String text;
  private final Range minutes;
  private final Range weekdays;
  private final Range monthDays;
  private final Range months;

  private TimeRule(String text, Range minutes, Range weekdays, Range monthDays, Range months) {
    this.text = text;
    this.minutes = minutes;
    this.weekdays = weekdays;
    this.monthDays = monthDays;
    this.months = months;
  }

  /**
   * Reads a rule.
   *
   * @param field the input field named in errors ({@code rules[2]})
   */
  public static TimeRule parse(String field, String text) {
    if (text == null) {
      throw new InvalidInputException(field, "a rule is times|weekdays|days|months, e.g. 08:00-17:00|mon-fri|*|*");
    }
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\|", -1);
    if (parts.length != 4) {
      throw new InvalidInputException(field, "'" + text + "' is not times|weekdays|days|months");
    }
    try {
      return new TimeRule(
          String.join("|", parts),
          Range.of(parts[0], TimeRule::minuteOf, 0, MINUTES_PER_DAY - 1),
          Range.of(parts[1], TimeRule::weekdayOf, 1, 7),
          Range.of(parts[2], TimeRule::dayOf, 1, 31),
          Range.of(parts[3], TimeRule::monthOf, 1, 12));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "'" + text + "': " + e.getMessage());
    }
  }

  /** True if the local date and time falls in this rule. */
  public boolean matches(LocalDateTime t) {
    return minutes.contains(t.getHour() * 60 + t.getMinute())
        && weekdays.contains(t.getDayOfWeek().getValue())
        && monthDays.contains(t.getDayOfMonth())
        && months.contains(t.getMonthValue());
  }

  /** The rule in its normal written form. */
  public String text() {
    return text;
  }

  private static int minuteOf(String hhmm) {
    if (!hhmm.matches("[0-9]{1,2}:[0-9]{2}")) {
      throw new IllegalArgumentException("'" + hhmm + "' is no time (HH:MM)");
    }
    int h = Integer.parseInt(hhmm.substring(0, hhmm.indexOf(':')));
    int m = Integer.parseInt(hhmm.substring(hhmm.indexOf(':') + 1));
    if (h > 23 || m > 59) {
      throw new IllegalArgumentException("'" + hhmm + "' is no time of day");
    }
    return h * 60 + m;
  }

  private static int weekdayOf(String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(name)) {
        return d.getValue();
      }
    }
    throw new IllegalArgumentException("'" + name + "' is no weekday (mon, tue, ...)");
  }

  private static int dayOf(String day) {
    if (!day.matches("[0-9]{1,2}")) {
      throw new IllegalArgumentException("'" + day + "' is no day of the month");
    }
    return Integer.parseInt(day);
  }

  private static int monthOf(String name) {
    for (Month m : Month.values()) {
      if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(name)) {
        return m.getValue();
      }
    }
    throw new IllegalArgumentException("'" + name + "' is no month (jan, feb, ...)");
  }

  /** All values, one value, or a range from..to that wraps past the maximum when to < from. */
  private record Range(int from, int to, boolean all) {
    static Range of(String part, java.util.function.ToIntFunction<String> value, int min, int max) {
      if (part.equals("*")) {
        return new Range(min, max, true);
      }
      String[] ends = part.split("-", -1);
      if (ends.length > 2) {
        throw new IllegalArgumentException("'" + part + "' is no range");
      }
      int from = value.applyAsInt(ends[0]);
      int to = ends.length == 2 ? value.applyAsInt(ends[1]) : from;
      if (from < min || from > max || to < min || to > max) {
        throw new IllegalArgumentException("'" + part + "' is out of range");
      }
      return new Range(from, to, false);
    }

    boolean contains(int v) {
      if (all) {
        return true;
      }
      return from <= to ? v >= from && v <= to : v >= from || v <= to;
    }
  }
}
