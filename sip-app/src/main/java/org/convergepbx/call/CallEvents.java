package org.convergepbx.call;

import org.convergepbx.routing.CallDecision;

/**
 * What the back-to-back user agent reports of a call's life; each call reports answered at most once and ends
 * once. Listeners must not throw.
 */
public interface CallEvents {
  /** {@code member} (an extension) answered, while the call followed {@code plan}. */
  void answered(CallState call, CallDecision.Ring plan, String member);

  /** Nobody answered where the call was; it now follows {@code plan} (a no-answer destination). */
  default void movedOn(CallState call, CallDecision.Ring plan) {}

  /** The call ended without an answer; {@code status} is the final response the caller got. */
  void failed(CallState call, int status, String reason);

  /** An answered call was hung up, by {@code by} (caller, callee, administrator, maximum duration). */
  void hungUp(CallState call, String by);

  /** This listener, then {@code next}. */
  default CallEvents andThen(CallEvents next) {
    CallEvents first = this;
    return new CallEvents() {
      @Override
      public void answered(CallState call, CallDecision.Ring plan, String member) {
        first.answered(call, plan, member);
        next.answered(call, plan, member);
      }

      @Override
      public void movedOn(CallState call, CallDecision.Ring plan) {
        first.movedOn(call, plan);
        next.movedOn(call, plan);
      }

      @Override
      public void failed(CallState call, int status, String reason) {
        first.failed(call, status, reason);
        next.failed(call, status, reason);
      }

      @Override
      public void hungUp(CallState call, String by) {
        first.hungUp(call, by);
        next.hungUp(call, by);
      }
    };
  }
}
