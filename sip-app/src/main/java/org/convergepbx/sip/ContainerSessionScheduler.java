package org.convergepbx.sip;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.servlet.sip.SipApplicationSession;
import org.convergepbx.call.SessionScheduler;
import org.mobicents.javax.servlet.sip.SipApplicationSessionAsynchronousWork;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.convergepbx.call.CallState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs timed work on a call's application session through the container's asynchronous work: when the delay is
 * up, the container takes the session's lock (the one it holds while delivering the session's SIP messages)
 * and runs the work with the application's class loader; a session invalidated meanwhile is skipped.
 */
public final class ContainerSessionScheduler implements SessionScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerSessionScheduler.class);

  private final SipSessionsUtilExt sessions;
  private final ScheduledExecutorService timers;

  public ContainerSessionScheduler(SipSessionsUtilExt sessions, ScheduledExecutorService timers) {
    this.sessions = sessions;
    this.timers = timers;
  }

  @Override
  public Future<?> schedule(String applicationSessionId, Duration delay, Consumer<SipApplicationSession> work) {
    SipApplicationSessionAsynchronousWork onSession = sas -> withCallId(sas, work);
    return timers.schedule(
        () -> submit(applicationSessionId, onSession), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the work with the call's Call-ID in the logging context (as for the call's SIP messages), so that its
   * log lines match the SIP trace; container threads are shared, so the context is cleared afterwards.
   */
  private static void withCallId(SipApplicationSession sas, Consumer<SipApplicationSession> work) {
    Object state = sas.getAttribute(CallState.ATTRIBUTE);
    if (state instanceof CallState call) {
      MDC.put(PbxSipServlet.MDC_CALL_ID, call.callId());
    } else {
      MDC.remove(PbxSipServlet.MDC_CALL_ID);
    }
    try {
      work.accept(sas);
    } finally {
      MDC.remove(PbxSipServlet.MDC_CALL_ID);
    }
  }

  private void submit(String applicationSessionId, SipApplicationSessionAsynchronousWork work) {
    try {
      sessions.scheduleAsynchronousWork(applicationSessionId, work);
    } catch (RuntimeException e) {
      LOG.warn("Work on application session {} could not be scheduled: {}", applicationSessionId, e.toString());
    }
  }
}
