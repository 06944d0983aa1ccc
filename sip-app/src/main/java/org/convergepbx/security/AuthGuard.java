package org.convergepbx.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lockout after repeated failed authentications: {@code maxFailures} failures within the window for one user
 * name (existing or not) lock that name out; as many from one source ban the source. A locked-out user gets the
 * same challenge as a wrong password, so a guesser learns nothing; a success forgets the user's failures.
 */
public final class AuthGuard {
  /** The policy: failures allowed within the window, and how long a lockout lasts. */
  public record Policy(int maxFailures, Duration window, Duration lockout) {}

  private final BanList bans;
  private final Policy policy;
  private final Clock clock;
  private final Runnable onFailure;
  private final Map<String, Deque<Instant>> byUser = new ConcurrentHashMap<>();
  private final Map<String, Deque<Instant>> bySource = new ConcurrentHashMap<>();

  /** @param onFailure told of every failure (for the metrics) */
  public AuthGuard(BanList bans, Policy policy, Clock clock, Runnable onFailure) {
    this.bans = bans;
    this.policy = policy;
    this.clock = clock;
    this.onFailure = onFailure;
  }

  /** True if authentications as {@code user} are refused for now, whatever the password. */
  public boolean lockedOut(String user) {
    return bans.banned(BanList.Kind.USER, user);
  }

  /** Records a failed authentication as {@code user} from {@code source}; locks or bans at the limit. */
  public void failed(String user, String source) {
    onFailure.run();
    if (reachesLimit(byUser, user)) {
      bans.ban(BanList.Kind.USER, user, BanList.Cause.AUTH_FAILURES, policy.maxFailures() + " failed authentications", policy.lockout());
      byUser.remove(user);
    }
    if (source != null && reachesLimit(bySource, source)) {
      bans.ban(BanList.Kind.SOURCE, source, BanList.Cause.AUTH_FAILURES, policy.maxFailures() + " failed authentications", policy.lockout());
      bySource.remove(source);
    }
  }

  /** A successful authentication: the user's earlier failures are forgotten (the source's are not). */
  public void succeeded(String user) {
    byUser.remove(user);
  }

  private boolean reachesLimit(Map<String, Deque<Instant>> failures, String key) {
    Instant now = clock.instant();
    Instant oldest = now.minus(policy.window());
    purge(failures, oldest);
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst().isBefore(oldest)) {
        times.pollFirst();
      }
      times.addLast(now);
      return times.size() >= policy.maxFailures();
    }
  }

  /** Forgets keys whose latest failure is older than the window (bounds the memory a scan can take). */
  private static void purge(Map<String, Deque<Instant>> failures, Instant oldest) {
    if (failures.size() < 1024) {
      return;
    }
    failures.values().removeIf(d -> {
      synchronized (d) {
        return d.isEmpty() || d.peekLast().isBefore(oldest);
      }
    });
  }
}
