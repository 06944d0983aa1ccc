package org.convergepbx.trunk;

/**
 * A route's toll-fraud protection: whether it takes international numbers (off unless the administrator allows
 * it), and how many calls it may carry at once and start per minute (0: no limit).
 */
public record RouteLimits(boolean international, int maxCalls, int maxCallsPerMinute) {
  /** A route that takes no international numbers and has no call limits. */
  public static final RouteLimits NATIONAL = new RouteLimits(false, 0, 0);
}
