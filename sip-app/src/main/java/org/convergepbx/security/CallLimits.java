package org.convergepbx.security;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Toll-fraud limits: the calls under way and the calls started in the last minute, per key (an extension, an
 * outbound route). A call is admitted under all its limits at once or under none; it holds its place in the
 * concurrent counts until it is released (when it ends), while its start counts for a minute.
 */
public final class CallLimits {
  /** Why a call was refused: which limit, and which part of it. */
  public record Trip(CallLimit limit, String reason) {}

  private static final long MINUTE_MILLIS = 60_000;

  private final Clock clock;
  private final Map<String, Integer> active = new HashMap<>();
  private final Map<String, Deque<Long>> starts = new HashMap<>();
  private final Map<String, List<String>> heldByCall = new HashMap<>();

  public CallLimits(Clock clock) {
    this.clock = clock;
  }

  /**
   * Admits the call {@code callId} under {@code limits}, or tells which limit it would break (then nothing is
   * counted). A call admitted twice keeps its first admission.
   */
  public synchronized Optional<Trip> admit(String callId, List<CallLimit> limits) {
    if (heldByCall.containsKey(callId)) {
      return Optional.empty();
    }
    long now = clock.millis();
    for (CallLimit l : limits) {
      Optional<Trip> trip = check(l, now);
      if (trip.isPresent()) {
        return trip;
      }
    }
    List<String> keys = new ArrayList<>();
    for (CallLimit l : limits) {
      if (l.unlimited()) {
        continue;
      }
      active.merge(l.key(), 1, Integer::sum);
      starts.computeIfAbsent(l.key(), k -> new ArrayDeque<>()).addLast(now);
      keys.add(l.key());
    }
    heldByCall.put(callId, keys);
    return Optional.empty();
  }

  /** The call ended: its places in the concurrent counts are freed (its starts keep counting for a minute). */
  public synchronized void release(String callId) {
    List<String> keys = heldByCall.remove(callId);
    if (keys != null) {
      keys.forEach(k -> active.computeIfPresent(k, (key, n) -> n <= 1 ? null : n - 1));
    }
  }

  /** The calls under way under {@code key}. */
  public synchronized int active(String key) {
    return active.getOrDefault(key, 0);
  }

  private Optional<Trip> check(CallLimit l, long now) {
    if (l.maxCalls() > 0 && active.getOrDefault(l.key(), 0) >= l.maxCalls()) {
      return Optional.of(new Trip(l, l.label() + " allows " + l.maxCalls() + " calls at once"));
    }
    if (l.maxPerMinute() > 0 && startsInLastMinute(l.key(), now) >= l.maxPerMinute()) {
      return Optional.of(new Trip(l, l.label() + " allows " + l.maxPerMinute() + " calls per minute"));
    }
    return Optional.empty();
  }

  private int startsInLastMinute(String key, long now) {
    Deque<Long> times = starts.get(key);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && now - times.peekFirst() >= MINUTE_MILLIS) {
      times.pollFirst();
    }
    if (times.isEmpty()) {
      starts.remove(key);
      return 0;
    }
    return times.size();
  }
}
