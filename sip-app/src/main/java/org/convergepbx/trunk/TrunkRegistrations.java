package org.convergepbx.trunk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of each trunk's registration to its peer, and when it is due again: a registration is renewed at
 * half its granted time, a failed one is tried again after {@link #RETRY}. Thread-safe; in memory.
 */
public final class TrunkRegistrations {
  /** How long after a failure the registration is tried again. */
  public static final Duration RETRY = Duration.ofSeconds(30);
  /** How long a REGISTER may go unanswered before it is sent again. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

  /** Where a registration stands. */
  public enum State { UNREGISTERED, REGISTERING, REGISTERED, FAILED }

  /**
   * @param expiresAt when a registration lapses (REGISTERED), or null
   * @param lastError the last refusal ({@code 403 Forbidden}), or null
   */
  public record Status(State state, Instant expiresAt, String lastError, Instant since) {
    static final Status NONE = new Status(State.UNREGISTERED, null, null, null);
  }

  private final Map<String, Status> states = new ConcurrentHashMap<>();
  private final Map<String, Instant> nextAt = new ConcurrentHashMap<>();

  /** True if the trunk's registration should be sent at {@code now}. */
  public synchronized boolean due(String trunk, Instant now) {
    Instant next = nextAt.get(trunk);
    return next == null || !now.isBefore(next);
  }

  public synchronized void sending(String trunk, Instant now) {
    Status s = status(trunk);
    if (s.state() != State.REGISTERED) {
      states.put(trunk, new Status(State.REGISTERING, null, s.lastError(), now));
    }
    nextAt.put(trunk, now.plus(ANSWER_WAIT));
  }

  /** The peer accepted the registration for {@code granted}: renewed at half of it. */
  public synchronized void registered(String trunk, Instant now, Duration granted) {
    Status s = status(trunk);
    Instant since = s.state() == State.REGISTERED ? s.since() : now;
    states.put(trunk, new Status(State.REGISTERED, now.plus(granted), null, since));
    nextAt.put(trunk, now.plus(granted.dividedBy(2)));
  }

  /** The peer refused (or never answered): tried again after {@link #RETRY}. */
  public synchronized void failed(String trunk, Instant now, String error) {
    states.put(trunk, new Status(State.FAILED, null, error, now));
    nextAt.put(trunk, now.plus(RETRY));
  }

  public synchronized void forget(String trunk) {
    states.remove(trunk);
    nextAt.remove(trunk);
  }

  public Status status(String trunk) {
    return states.getOrDefault(trunk, Status.NONE);
  }
}
