package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloodGuardTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<BanList.Ban> banned = new ArrayList<>();
  private final AllowList allowed = AllowList.parse("10.0.0.0/8, 2001:db8::1");
  private final BanList bans = new BanList(allowed, clock, banned::add);
  private final FloodGuard guard = new FloodGuard(bans, allowed, "192.0.2.50"::equals,
      new FloodGuard.Limits(Duration.ofSeconds(2), 5, 20, Duration.ofMinutes(10)), clock);

  @Test
  void aSourceOverItsLimitWithinOneWindowIsBannedAndStaysBannedUntilTheBanEnds() {
    for (int i = 0; i < 5; i++) {
      assertTrue(guard.admit("203.0.113.1"));
    }
    assertFalse(guard.admit("203.0.113.1"), "the sixth request in 2 s");
    assertEquals(1, banned.size());
    assertEquals(BanList.Cause.FLOOD, banned.get(0).cause());
    assertTrue(guard.admit("203.0.113.2"), "another source is not touched");
    clock.advance(Duration.ofMinutes(5));
    assertFalse(guard.admit("203.0.113.1"), "still banned");
    clock.advance(Duration.ofMinutes(5));
    assertTrue(guard.admit("203.0.113.1"), "the ban ended by itself");
  }

  @Test
  void requestsSpreadOverWindowsAreNotAFlood() {
    for (int i = 0; i < 50; i++) {
      assertTrue(guard.admit("203.0.113.1"));
      clock.advance(Duration.ofMillis(500));
    }
    assertTrue(banned.isEmpty());
  }

  @Test
  void trunkPeersHaveTheHigherLimitAndAllowedSourcesNone() {
    for (int i = 0; i < 20; i++) {
      assertTrue(guard.admit("192.0.2.50"));
    }
    assertFalse(guard.admit("192.0.2.50"));
    for (int i = 0; i < 1000; i++) {
      assertTrue(guard.admit("10.1.2.3"));
      assertTrue(guard.admit("2001:db8::1"));
    }
    assertEquals(List.of("192.0.2.50"), banned.stream().map(BanList.Ban::key).toList());
  }

  @Test
  void aLiftedBanLetsTheSourceInAgain() {
    for (int i = 0; i < 6; i++) {
      guard.admit("203.0.113.1");
    }
    assertTrue(bans.lift(BanList.Kind.SOURCE, "203.0.113.1"));
    assertFalse(bans.lift(BanList.Kind.SOURCE, "203.0.113.1"));
    assertTrue(guard.admit("203.0.113.1"));
    assertTrue(bans.list().isEmpty());
  }
}
