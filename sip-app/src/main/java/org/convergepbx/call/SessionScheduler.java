package org.convergepbx.call;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.servlet.sip.SipApplicationSession;

/**
 * Runs work on a call's application session from outside a SIP message (timers, the HTTP hang-up), under the
 * same lock the container holds while it delivers the call's messages.
 */
public interface SessionScheduler {
  /**
   * Runs {@code work} on the application session with id {@code applicationSessionId} after {@code delay}; a
   * session gone by then is skipped. The returned future cancels the run if it has not started.
   */
  Future<?> schedule(String applicationSessionId, Duration delay, Consumer<SipApplicationSession> work);
}
