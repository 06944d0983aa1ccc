package org.convergepbx.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lockout of HTTP logins after repeated failures, per user name (known or not) and per source address.
 *
 * <p>Invariants: a key (a user name, or an address) is locked once it has collected its limit of failures
 * ({@code userFailures} for a user name, {@code addressFailures} for an address), each failure less than
 * {@code lockout} after the one before it; the lock lasts {@code lockout} from the failure that completed the
 * count, whatever is tried meanwhile (attempts while locked are refused unchecked and count for nothing). A
 * success forgets the user name's failures, never the address's (a valid account must not reset the count of
 * an address that guesses other users' passwords). Each table keeps at most {@link #MAX_KEYS} keys, the least
 * recently failed dropped first, so arbitrary user names cannot exhaust memory.
 */
public final class LoginThrottle {
  /** Most user names (and, separately, addresses) remembered. */
  static final int MAX_KEYS = 10_000;
  /** Longest key kept: longer user names are counted by their first characters (no real one is that long). */
  static final int KEY_LENGTH = 64;

  private final Clock clock;
  private final int userFailures;
  private final int addressFailures;
  private final Duration lockout;
  private final Map<String, Failures> users = lru();
  private final Map<String, Failures> addresses = lru();

  /**
   * @param userFailures failures of one user name that lock it
   * @param addressFailures failures from one source address that lock the address
   * @param lockout how long a lock lasts, and the longest gap between failures that still counts them together
   */
  public LoginThrottle(Clock clock, int userFailures, int addressFailures, Duration lockout) {
    if (userFailures < 1 || addressFailures < 1 || lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("failure limits and the lockout must be positive");
    }
    this.clock = clock;
    this.userFailures = userFailures;
    this.addressFailures = addressFailures;
    this.lockout = lockout;
  }

  /** How long the user name or the address stays locked, or empty when a login may be tried now. */
  public synchronized Optional<Duration> lockedFor(String user, String address) {
    Instant now = clock.instant();
    Duration left = max(remaining(users.get(key(user)), now), remaining(addresses.get(key(address)), now));
    return left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Counts a failed login of {@code user} from {@code address}. */
  public synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    count(users, key(user), userFailures, now);
    count(addresses, key(address), addressFailures, now);
  }

  /** A successful login of {@code user}: its earlier failures are forgotten. */
  public synchronized void succeeded(String user) {
    users.remove(key(user));
  }

  private static String key(String text) {
    return text.length() <= KEY_LENGTH ? text : text.substring(0, KEY_LENGTH);
  }

  private void count(Map<String, Failures> table, String key, int limit, Instant now) {
    Failures f = table.remove(key);
    if (f == null || !now.isBefore(f.last.plus(lockout)) && !f.lockedAt(now)) {
      f = new Failures();
    }
    if (f.lockedAt(now)) {
      table.put(key, f);
      return;
    }
    f.count++;
    f.last = now;
    if (f.count >= limit) {
      f.lockedUntil = now.plus(lockout);
      f.count = 0;
    }
    table.put(key, f);
  }

  private static Duration remaining(Failures f, Instant now) {
    return f == null || !f.lockedAt(now) ? Duration.ZERO : Duration.between(now, f.lockedUntil);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Insertion-ordered (each update re-inserts), the eldest dropped above {@link #MAX_KEYS}. */
  private static Map<String, Failures> lru() {
    return new LinkedHashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
        return size() > MAX_KEYS;
      }
    };
  }

  /** Failures of one key: how many in the current run, the last one's time, and the lock if any. */
  private static final class Failures {
    int count;
    Instant last = Instant.MIN;
    Instant lockedUntil = Instant.MIN;

    boolean lockedAt(Instant now) {
      return now.isBefore(lockedUntil);
    }
  }
}
