package org.convergepbx.daynight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Time rules, schedules and the Day/Night mode, at chosen instants (no real clock). */
class ScheduleTest {
  private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
  private static final Schedule OFFICE_HOURS =
      new Schedule(List.of(TimeRule.parse("r", "08:00-17:00|mon-fri|*|*")), ZURICH);

  @Test
  void aRuleMatchesItsTimesWeekdaysDaysAndMonths() {
    TimeRule rule = TimeRule.parse("r", "08:00-17:00|mon-fri|1-15|jan-mar");
    assertTrue(rule.matches(LocalDateTime.parse("2026-01-05T08:00")), "a Monday at 08:00");
    assertTrue(rule.matches(LocalDateTime.parse("2026-01-05T17:00")), "the end minute is included");
    assertFalse(rule.matches(LocalDateTime.parse("2026-01-05T17:01")));
    assertFalse(rule.matches(LocalDateTime.parse("2026-01-03T10:00")), "a Saturday");
    assertFalse(rule.matches(LocalDateTime.parse("2026-01-16T10:00")), "the 16th");
    assertFalse(rule.matches(LocalDateTime.parse("2026-04-06T10:00")), "April");
  }

  @Test
  void rangesMayWrap() {
    TimeRule night = TimeRule.parse("r", "22:00-05:59|fri-mon|*|dec-jan");
    assertTrue(night.matches(LocalDateTime.parse("2026-12-27T23:30")), "a Sunday night in December");
    assertTrue(night.matches(LocalDateTime.parse("2027-01-04T02:00")), "a Monday early in January");
    assertFalse(night.matches(LocalDateTime.parse("2026-12-29T23:30")), "a Tuesday");
  }

  @Test
  void badRulesAreRefusedNamingTheField() {
    for (String bad : new String[] {"08:00-17:00|mon-fri|*", "25:00-26:00|*|*|*", "*|monday|*|*", "*|*|32|*", "*|*|*|sept", "*|*|1-2-3|*"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> TimeRule.parse("rules[3]", bad), bad);
      assertEquals("rules[3]", e.field());
    }
  }

  @Test
  void theScheduleReadsTheRulesInItsTimeZone() {
    assertTrue(OFFICE_HOURS.isDay(Instant.parse("2026-11-23T07:30:00Z")), "08:30 in Zurich on a Monday");
    assertFalse(OFFICE_HOURS.isDay(Instant.parse("2026-11-23T06:30:00Z")), "07:30 in Zurich");
  }

  @Test
  void theNextChangeIsTheFirstMinuteWhereTheModeFlips() {
    assertEquals(
        Optional.of(Instant.parse("2026-11-23T16:01:00Z")),
        OFFICE_HOURS.nextChange(Instant.parse("2026-11-23T09:12:30Z")),
        "17:01 Zurich time, after the end minute");
    assertEquals(
        Optional.of(Instant.parse("2026-11-23T07:00:00Z")),
        OFFICE_HOURS.nextChange(Instant.parse("2026-11-21T12:00:00Z")),
        "a Saturday: Monday 08:00");
    Schedule always = new Schedule(List.of(TimeRule.parse("r", "*|*|*|*")), ZURICH);
    assertEquals(Optional.empty(), always.nextChange(Instant.parse("2026-11-23T09:00:00Z")));
  }

  @Test
  void aManualModeLastsUntilTheScheduledChangeThenTheScheduleRules() {
    Instant monday0930 = Instant.parse("2026-11-23T08:30:00Z");
    Instant until = OFFICE_HOURS.nextChange(monday0930).orElseThrow();
    Optional<Schedule> schedule = Optional.of(OFFICE_HOURS);
    assertEquals(Mode.NIGHT, Mode.effective(Mode.NIGHT, until, schedule, monday0930.plusSeconds(3600)));
    assertEquals(Mode.NIGHT, Mode.effective(Mode.NIGHT, until, schedule, until.minusSeconds(1)));
    assertEquals(Mode.NIGHT, Mode.effective(Mode.NIGHT, until, schedule, until), "17:01: night by the schedule");
    assertEquals(Mode.DAY, Mode.effective(Mode.NIGHT, until, schedule, Instant.parse("2026-11-24T08:00:00Z")),
        "the next morning the schedule says day again");
  }

  @Test
  void withoutAScheduleTheLastManualModeStays() {
    assertEquals(Mode.DAY, Mode.effective(null, null, Optional.empty(), Instant.EPOCH));
    assertEquals(Mode.NIGHT, Mode.effective(Mode.NIGHT, null, Optional.empty(), Instant.parse("2030-01-01T00:00:00Z")));
    assertEquals(Mode.DAY, Mode.effective(null, null, Optional.of(OFFICE_HOURS), Instant.parse("2026-11-23T08:30:00Z")));
  }
}
