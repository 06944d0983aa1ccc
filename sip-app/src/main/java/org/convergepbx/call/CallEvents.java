package org.convergepbx.call;

import org.convergepbx.routing.CallDecision;

/**
 * What the back-to-back user agent reports of a call's life; each call ends once. A call is answered once, or
 * twice when the server answered it first (an IVR) and a phone answers later. Listeners must not throw.
 */
public interface CallEvents {
  /**
   * {@code member} answered while the call followed {@code plan}: an extension, or with a null plan the
   * server itself (the member is then the answering channel, e.g. {@code VoiceMail/1001}).
   */
  void answered(CallState call, CallDecision.Ring plan, String member);

  /**
   * Nobody answered where the call was; a feature has it now ({@code app}, {@code appData} and
   * {@code context} as the call record names them: a ring plan of a no-answer destination, voicemail).
   */
  default void movedOn(CallState call, String app, String appData, String context) {}

  /** The call goes out (or came in) on this trunk; the last one tried is the call's. */
  default void trunk(CallState call, String trunk) {}

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
      public void movedOn(CallState call, String app, String appData, String context) {
        first.movedOn(call, app, appData, context);
        next.movedOn(call, app, appData, context);
      }

      @Override
      public void trunk(CallState call, String trunk) {
        first.trunk(call, trunk);
        next.trunk(call, trunk);
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
