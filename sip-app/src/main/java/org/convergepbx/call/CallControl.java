package org.convergepbx.call;

import java.time.Duration;

/** What the HTTP side may do to live calls. */
public final class CallControl {
  private final CallsIndex calls;
  private final SessionScheduler scheduler;
  private final B2bua b2bua;

  public CallControl(CallsIndex calls, SessionScheduler scheduler, B2bua b2bua) {
    this.calls = calls;
    this.scheduler = scheduler;
    this.b2bua = b2bua;
  }

  /**
   * Hangs up the live call with this Call-ID as the administrator: both sides get a BYE, or a ringing call is
   * cancelled. The work runs on the call's session right after this returns.
   *
   * @return false if no such call is live
   */
  public boolean hangUp(String callId) {
    String sessionId = calls.sessionOf(callId);
    if (sessionId == null) {
      return false;
    }
    scheduler.schedule(sessionId, Duration.ZERO, sas -> b2bua.hangUp(sas, B2bua.BY_ADMINISTRATOR));
    return true;
  }
}
