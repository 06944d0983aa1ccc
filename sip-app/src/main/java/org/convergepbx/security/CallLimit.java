package org.convergepbx.security;

/**
 * A limit on the calls counted under one key ({@code route:intl}, {@code extension:1001}): at most
 * {@code maxCalls} at once and {@code maxPerMinute} started in any 60 seconds; 0 means no limit of that kind.
 *
 * @param label how the limit is named to the caller and in the log ("route intl")
 */
public record CallLimit(String key, String label, int maxCalls, int maxPerMinute) {
  /** A limit that never trips. */
  public static CallLimit none(String key) {
    return new CallLimit(key, key, 0, 0);
  }

  public CallLimit {
    if (maxCalls < 0 || maxPerMinute < 0) {
      throw new IllegalArgumentException("limits are 0 (none) or positive");
    }
  }

  /** The numbers of a limit, to be applied under many keys. */
  public record Policy(int maxCalls, int maxPerMinute) {
    public CallLimit of(String key, String label) {
      return new CallLimit(key, label, maxCalls, maxPerMinute);
    }
  }

  /** True if this limit can never trip. */
  public boolean unlimited() {
    return maxCalls == 0 && maxPerMinute == 0;
  }
}
