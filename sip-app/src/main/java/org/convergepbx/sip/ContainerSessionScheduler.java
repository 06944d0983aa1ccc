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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    SipApplicationSessionAsynchronousWork onSession = work::accept;
    return timers.schedule(
        () -> submit(applicationSessionId, onSession), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void submit(String applicationSessionId, SipApplicationSessionAsynchronousWork work) {
    try {
      sessions.scheduleAsynchronousWork(applicationSessionId, work);
    } catch (RuntimeException e) {
      LOG.warn("Work on application session {} could not be scheduled: {}", applicationSessionId, e.toString());
    }
  }
}
