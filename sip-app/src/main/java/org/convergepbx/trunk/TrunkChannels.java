package org.convergepbx.trunk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many calls each trunk carries right now, in and out, for its {@code maxChannels}. A call counts on the
 * trunk it came in on, or the one it goes out on (a call that fails over moves to the next trunk), until it
 * ends. Thread-safe; in memory.
 */
public final class TrunkChannels {
  private final Map<String, String> trunkOfCall = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  /** The call (by its record id) is on {@code trunk} now. */
  public synchronized void take(String call, String trunk) {
    String before = trunkOfCall.put(call, trunk);
    if (before != null) {
      calls.computeIfPresent(before, (t, n) -> n <= 1 ? null : n - 1);
    }
    calls.merge(trunk, 1, Integer::sum);
  }

  /** The call ended. */
  public synchronized void release(String call) {
    String trunk = trunkOfCall.remove(call);
    if (trunk != null) {
      calls.computeIfPresent(trunk, (t, n) -> n <= 1 ? null : n - 1);
    }
  }

  public int inUse(String trunk) {
    return calls.getOrDefault(trunk, 0);
  }

  /** True if the trunk carries as many calls as it may ({@code max} 0: no limit). */
  public boolean full(String trunk, int max) {
    return max > 0 && inUse(trunk) >= max;
  }
}
