package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallLimitsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CallLimits limits = new CallLimits(clock);
  private final CallLimit route = new CallLimit("route:intl", "route intl", 2, 3);
  private final CallLimit extension = new CallLimit("extension:1001", "extension 1001", 4, 20);

  @Test
  void callsAtOnceAreCappedAndAnEndedCallFreesItsPlace() {
    assertEquals(Optional.empty(), limits.admit("a", List.of(extension, route)));
    assertEquals(Optional.empty(), limits.admit("b", List.of(extension, route)));
    Optional<CallLimits.Trip> third = limits.admit("c", List.of(extension, route));
    assertEquals(route, third.orElseThrow().limit());
    assertEquals("route intl allows 2 calls at once", third.get().reason());
    assertEquals(2, limits.active("extension:1001"), "a refused call takes no place under any limit");
    limits.release("a");
    assertEquals(Optional.empty(), limits.admit("c", List.of(extension, route)));
  }

  @Test
  void startsPerMinuteCountEvenAfterTheCallsEnded() {
    for (String id : List.of("a", "b", "c")) {
      assertEquals(Optional.empty(), limits.admit(id, List.of(route)));
      limits.release(id);
    }
    assertEquals("route intl allows 3 calls per minute", limits.admit("d", List.of(route)).orElseThrow().reason());
    clock.advance(Duration.ofSeconds(61));
    assertEquals(Optional.empty(), limits.admit("d", List.of(route)));
  }

  @Test
  void noLimitNeverTripsAndAReleaseOfAnUnknownCallIsHarmless() {
    CallLimit none = CallLimit.none("route:free");
    for (int i = 0; i < 1000; i++) {
      assertTrue(limits.admit("call-" + i, List.of(none)).isEmpty());
    }
    limits.release("never-admitted");
    assertEquals(0, limits.active("route:free"));
  }

  @Test
  void aCallAdmittedTwiceIsCountedOnce() {
    limits.admit("a", List.of(route));
    limits.admit("a", List.of(route));
    assertEquals(1, limits.active("route:intl"));
  }
}
