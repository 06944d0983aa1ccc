package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Duration LOCKOUT = Duration.ofSeconds(300);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, 3, 5, LOCKOUT);

  @Test
  void aUserNameIsLockedAfterItsFailuresAndUnlockedAfterTheLockout() {
    fail("alice", "10.0.0.1", 2);
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.1"));
    fail("alice", "10.0.0.2", 1);
    assertEquals(Optional.of(LOCKOUT), throttle.lockedFor("alice", "10.0.0.9"), "locked from any address");
    clock.advance(Duration.ofSeconds(299));
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.lockedFor("alice", "10.0.0.1"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.1"));
  }

  @Test
  void anotherUserIsNotLockedByOnesFailures() {
    fail("alice", "10.0.0.1", 3);
    assertTrue(throttle.lockedFor("alice", "10.0.0.1").isPresent());
    assertEquals(Optional.empty(), throttle.lockedFor("bob", "10.0.0.2"));
  }

  @Test
  void unknownUserNamesAreCountedLikeKnownOnes() {
    fail("no-such-user", "10.0.0.1", 3);
    assertTrue(throttle.lockedFor("no-such-user", "10.0.0.7").isPresent());
  }

  @Test
  void failuresFurtherApartThanTheLockoutAreNotCountedTogether() {
    fail("alice", "10.0.0.1", 2);
    clock.advance(LOCKOUT);
    fail("alice", "10.0.0.1", 2);
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.1"));
    clock.advance(LOCKOUT.minusSeconds(1));
    fail("alice", "10.0.0.1", 1);
    assertTrue(throttle.lockedFor("alice", "10.0.0.1").isPresent(), "each failure within the lockout of the last");
  }

  @Test
  void anAddressIsLockedAfterFailuresForManyUserNamesEvenForAnotherUser() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.1");
    }
    assertEquals(Optional.of(LOCKOUT), throttle.lockedFor("admin", "10.0.0.1"));
    assertEquals(Optional.empty(), throttle.lockedFor("admin", "10.0.0.2"), "another address is not locked");
  }

  @Test
  void successForgetsTheUsersFailuresButNotTheAddresss() {
    fail("alice", "10.0.0.1", 2);
    throttle.succeeded("alice");
    fail("alice", "10.0.0.1", 2);
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.1"));
    throttle.failed("bob", "10.0.0.1");
    assertTrue(throttle.lockedFor("carol", "10.0.0.1").isPresent(), "the address's five failures still count");
  }

  @Test
  void attemptsDuringTheLockDoNotProlongIt() {
    fail("alice", "10.0.0.1", 3);
    clock.advance(Duration.ofSeconds(100));
    throttle.failed("alice", "10.0.0.2");
    assertEquals(Optional.of(Duration.ofSeconds(200)), throttle.lockedFor("alice", "10.0.0.3"));
    clock.advance(Duration.ofSeconds(200));
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.3"));
    fail("alice", "10.0.0.3", 2);
    assertEquals(Optional.empty(), throttle.lockedFor("alice", "10.0.0.3"), "a new run starts after the lock");
  }

  @Test
  void theTablesForgetTheLeastRecentKeysBeyondTheirSize() {
    LoginThrottle wide = new LoginThrottle(clock, 1, Integer.MAX_VALUE, LOCKOUT);
    wide.failed("first", "10.0.0.1");
    for (int i = 0; i < LoginThrottle.MAX_KEYS; i++) {
      wide.failed("u" + i, "10.0.0.1");
    }
    assertEquals(Optional.empty(), wide.lockedFor("first", "10.0.0.2"));
    assertTrue(wide.lockedFor("u" + (LoginThrottle.MAX_KEYS - 1), "10.0.0.2").isPresent());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(clock, 0, 5, LOCKOUT));
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(clock, 3, 5, Duration.ZERO));
  }

  private void fail(String user, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(user, address);
    }
  }
}
