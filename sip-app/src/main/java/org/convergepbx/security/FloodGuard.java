package org.convergepbx.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The per-source request rate limit (as Kamailio's pike): a source that sends more than its limit of requests
 * within one window is banned. Trunk peers have a higher limit than phones; allowed sources have none. The
 * counters of sources quiet for a window are forgotten, so memory stays bounded by the sources active in one
 * window.
 */
public final class FloodGuard {
  /** The limits: requests per window, for phones and for trunk peers, and how long a ban lasts. */
  public record Limits(Duration window, int maxRequests, int trunkMaxRequests, Duration banLength) {}

  private static final class Counter {
    long windowStart;
    int count;
  }

  private final BanList bans;
  private final AllowList allowed;
  private final Predicate<String> trunkPeer;
  private final Limits limits;
  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private volatile long nextPurge;

  /** @param trunkPeer true for the address of a configured trunk peer */
  public FloodGuard(BanList bans, AllowList allowed, Predicate<String> trunkPeer, Limits limits, Clock clock) {
    this.bans = bans;
    this.allowed = allowed;
    this.trunkPeer = trunkPeer;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Counts one request from {@code source}; false if the request is to be dropped: the source is banned, or
   * this request took it over its limit (and banned it).
   */
  public boolean admit(String source) {
    if (allowed.covers(source)) {
      return true;
    }
    if (bans.banned(BanList.Kind.SOURCE, source)) {
      return false;
    }
    long now = clock.millis();
    purgeOccasionally(now);
    int count = count(source, now);
    int limit = trunkPeer.test(source) ? limits.trunkMaxRequests() : limits.maxRequests();
    if (count <= limit) {
      return true;
    }
    bans.ban(BanList.Kind.SOURCE, source, BanList.Cause.FLOOD,
        "flood: more than " + limit + " requests in " + limits.window().toSeconds() + " s", limits.banLength());
    counters.remove(source);
    return false;
  }

  private int count(String source, long now) {
    Counter c = counters.computeIfAbsent(source, k -> new Counter());
    synchronized (c) {
      if (now - c.windowStart >= limits.window().toMillis()) {
        c.windowStart = now;
        c.count = 0;
      }
      return ++c.count;
    }
  }

  private void purgeOccasionally(long now) {
    long window = limits.window().toMillis();
    if (now < nextPurge) {
      return;
    }
    nextPurge = now + window;
    counters.values().removeIf(c -> now - c.windowStart >= window);
  }
}
