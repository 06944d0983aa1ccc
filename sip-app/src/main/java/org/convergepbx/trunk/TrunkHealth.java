package org.convergepbx.trunk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each trunk's peer answers its OPTIONS probes. Any answer (even 4xx, as Asterisk's qualify) means the
 * peer is up, with the probe's round-trip time. A probe still unanswered when the next one is sent is missed;
 * after {@link #MISSES_FOR_DOWN} misses in a row the trunk is down, so a peer that stops answering is down
 * within two probe intervals. A trunk never probed (keepalive 0) is {@code UNKNOWN}, and never counts as down.
 * Thread-safe; kept in memory (it starts afresh, UNKNOWN, with the server).
 */
public final class TrunkHealth {
  /** Probes missed in a row before a trunk is down. */
  public static final int MISSES_FOR_DOWN = 2;

  /** A trunk's state as the probes see it. */
  public enum State { UNKNOWN, UP, DOWN }

  /**
   * What is known of a trunk's peer.
   *
   * @param rtt the last answered probe's round-trip time, or null
   * @param since when the state began, or null (never probed)
   */
  public record Status(State state, Duration rtt, Instant lastAnswer, Instant since) {
    static final Status NONE = new Status(State.UNKNOWN, null, null, null);
  }

  private final Map<String, Probe> probes = new ConcurrentHashMap<>();

  private static final class Probe {
    Instant outstanding;
    int missed;
    Status status = Status.NONE;
  }

  /** A probe of {@code trunk} is sent at {@code now}; an earlier one still unanswered counts as missed. */
  public synchronized void sent(String trunk, Instant now) {
    Probe p = probes.computeIfAbsent(trunk, t -> new Probe());
    if (p.outstanding != null) {
      p.missed++;
      if (p.missed >= MISSES_FOR_DOWN && p.status.state() != State.DOWN) {
        p.status = new Status(State.DOWN, p.status.rtt(), p.status.lastAnswer(), now);
      }
    }
    p.outstanding = now;
  }

  /** The peer answered the probe sent at {@code sentAt} (any status): the trunk is up. */
  public synchronized void answered(String trunk, Instant sentAt, Instant now) {
    Probe p = probes.computeIfAbsent(trunk, t -> new Probe());
    if (p.outstanding != null && p.outstanding.equals(sentAt)) {
      p.outstanding = null;
    }
    p.missed = 0;
    Instant since = p.status.state() == State.UP ? p.status.since() : now;
    p.status = new Status(State.UP, Duration.between(sentAt, now), now, since);
  }

  /** The trunk is no longer probed (deleted, or keepalive set to 0): its state is forgotten. */
  public synchronized void forget(String trunk) {
    probes.remove(trunk);
  }

  public synchronized Status status(String trunk) {
    Probe p = probes.get(trunk);
    return p == null ? Status.NONE : p.status;
  }

  /** True if the probes say the peer is down (a call skips the trunk). */
  public boolean down(String trunk) {
    return status(trunk).state() == State.DOWN;
  }
}
