package org.convergepbx.call;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convergepbx.routing.CallDecision;

/**
 * Which extensions are on an answered call right now, as caller or as the member that answered, so that a queue
 * can skip members already on a call. Fed by the calls' events; each call's extensions are released when it ends.
 */
public final class LinesInUse implements CallEvents {
  private final Map<String, Set<String>> byCall = new ConcurrentHashMap<>();
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  /** True if the extension is on at least one answered call. */
  public boolean onCall(String extension) {
    return calls.getOrDefault(extension, 0) > 0;
  }

  @Override
  public void answered(CallState call, CallDecision.Ring plan, String member) {
    take(call, call.caller());
    if (plan != null) {
      take(call, member);
    }
  }

  @Override
  public void failed(CallState call, int status, String reason) {
    release(call);
  }

  @Override
  public void hungUp(CallState call, String by) {
    release(call);
  }

  private void take(CallState call, String extension) {
    if (extension != null && byCall.computeIfAbsent(call.recordId(), k -> ConcurrentHashMap.newKeySet()).add(extension)) {
      calls.merge(extension, 1, Integer::sum);
    }
  }

  private void release(CallState call) {
    Set<String> lines = byCall.remove(call.recordId());
    if (lines != null) {
      lines.forEach(e -> calls.computeIfPresent(e, (k, n) -> n <= 1 ? null : n - 1));
    }
  }
}
