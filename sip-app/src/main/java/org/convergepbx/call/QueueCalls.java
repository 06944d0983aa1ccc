package org.convergepbx.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.SipApplicationSession;
import org.convergepbx.queue.Acd;
import org.convergepbx.queue.QueueEvent;
import org.convergepbx.queue.QueueLogEntry;
import org.convergepbx.queue.QueueRun;
import org.convergepbx.queue.QueueService;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.routing.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callers in call queues, for the {@link B2bua}: the server answers the caller, who hears music on hold and
 * periodic position / hold-time announcements, and may leave with the queue's exit key. Once a second (and
 * whenever something changes) the {@link Acd} is asked whom to ring; each offer rings on the caller's own session
 * as a one-step ring plan, and the member that answers is joined to the caller like after an IVR. What happens is
 * written to the queue log.
 *
 * <p>Queue calls are also followed by their {@link CallEvents} (this class listens): a call that ends while
 * waiting is an ABANDON, one that ends after a member answered is a COMPLETECALLER or COMPLETEAGENT.
 */
final class QueueCalls implements CallEvents {
  private static final Logger LOG = LoggerFactory.getLogger(QueueCalls.class);
  /** The call record's lastapp and dcontext of a caller in a queue (FreePBX's names). */
  static final String QUEUE_APP = "Queue";
  static final String QUEUE_CONTEXT = "ext-queues";
  private static final Duration TICK = Duration.ofSeconds(1);

  private final B2bua flow;
  private final SessionScheduler scheduler;
  private final MediaSettings media;
  private final CallRouter router;
  private final QueueMedia queueMedia;
  private final Clock clock;
  private final Map<String, Visit> visits = new ConcurrentHashMap<>();

  QueueCalls(B2bua flow, SessionScheduler scheduler, MediaSettings media, CallRouter router, Clock clock) {
    this.flow = flow;
    this.scheduler = scheduler;
    this.media = media;
    this.router = router;
    this.queueMedia = new QueueMedia(scheduler, media, clock);
    this.clock = clock;
  }

  private QueueService queues() {
    return media.queues().service();
  }

  private QueueSupport support() {
    return media.queues();
  }

  private Acd acd() {
    return media.queues().acd();
  }

  /** A queue call from joining until it ends: who answered and when (for COMPLETE* and the wrap-up). */
  private static final class Visit {
    final String queue;
    final String sasId;
    final Instant joinedAt;
    volatile String agent;
    volatile Instant connectedAt;
    volatile int wrapUp;

    Visit(String queue, String sasId, Instant joinedAt) {
      this.queue = queue;
      this.sasId = sasId;
      this.joinedAt = joinedAt;
    }
  }

  /**
   * The caller asks to join the queue: refused at the door (full, or empty and the queue says so) it goes to the
   * failover destination; let in, it is answered by the server if it is not yet, and waits from its ACK.
   */
  void startQueue(Bridge bridge, CallDecision.Queue decision) {
    Optional<QueueRun> found = queues().run(decision.queue());
    if (found.isEmpty()) {
      flow.fail(bridge, new FinalAnswer(404, "Not Found"));
      return;
    }
    QueueRun run = found.get();
    String sasId = sasId(bridge);
    Instant now = clock.instant();
    Acd.Entry entry = acd().join(run.setup(), sasId, now, media.queues().lines());
    String recordId = bridge.state().recordId();
    if (!entry.admitted()) {
      LOG.info("Call {} refused by queue {}: {}", bridge.state().caller(), run.number(), entry.refusal());
      queues().record(new QueueLogEntry(now, recordId, run.number(), null, entry.refusal())
          .withData(bridge.state().caller()));
      flow.carryOut(bridge, router.route(run.failover(), decision.hops() + 1));
      return;
    }
    boolean answered = bridge.callerAnswered();
    if (!answered && !flow.answerCaller(bridge, QUEUE_APP + "/" + run.number())) {
      acd().leave(sasId, now, Duration.ZERO);
      return;
    }
    visits.put(recordId, new Visit(run.number(), sasId, now));
    queues().record(new QueueLogEntry(now, recordId, run.number(), null, QueueEvent.ENTERQUEUE)
        .withPosition(entry.position()).withData(bridge.state().caller()));
    bridge.queueWait(new QueueWait(run, now, decision.hops()));
    bridge.state().media(QUEUE_APP + "/" + run.number());
    bridge.callerMedia().onKey(new KeyQueue(scheduler, sasId, this::queueKey)::pressed);
    LOG.info("Call {} -> queue {} at position {}", bridge.state().caller(), run.number(), entry.position());
    if (answered) {
      begin(bridge);
    }
  }

  /** The caller's ACK (or its arrival from a menu): music starts and the queue is worked. */
  void begin(Bridge bridge) {
    if (!bridge.queueWait().start()) {
      return;
    }
    queueMedia.music(bridge);
    tick(bridge);
  }

  /** Once a second on the caller's session: maximum wait, leave-when-empty, offers, announcements. */
  private void tick(SipApplicationSession sas) {
    Bridge bridge = Bridge.of(sas);
    if (bridge != null && !bridge.over() && bridge.queueWait() != null) {
      tick(bridge);
    }
  }

  /**
   * The next tick is planned first, so that a failure here (the database, say) cannot stop the caller's wait
   * from being worked on; leaving or being answered cancels it.
   */
  private void tick(Bridge bridge) {
    QueueWait wait = bridge.queueWait();
    wait.tick(scheduler.schedule(sasId(bridge), TICK, this::tick));
    try {
      work(bridge, wait);
    } catch (RuntimeException e) {
      LOG.error("Queue {}: the wait of call {} failed this second, tried again in the next", wait.queue(),
          bridge.state().caller(), e);
    }
  }

  private void work(Bridge bridge, QueueWait wait) {
    Instant now = clock.instant();
    acd().seen(sasId(bridge), now);
    Optional<QueueRun> found = queues().run(wait.queue());
    if (found.isEmpty()) {
      leave(bridge, QueueEvent.EXITEMPTY, null, Destination.HANG_UP);
      return;
    }
    QueueRun run = found.get();
    wait.run(run);
    int maxWait = run.settings().maxWait();
    if (maxWait > 0 && !now.isBefore(wait.joinedAt().plusSeconds(maxWait))) {
      leave(bridge, QueueEvent.EXITWITHTIMEOUT, null, run.failover());
      return;
    }
    if (run.settings().leaveWhenEmpty() && !acd().staffed(run.setup(), media.queues().lines())) {
      leave(bridge, QueueEvent.EXITEMPTY, null, run.failover());
      return;
    }
    dispatch(run, bridge);
    if (bridge.over() || bridge.queueWait() != wait) {
      return;
    }
    if (acd().ringing(sasId(bridge)).isEmpty() && wait.announcementDue(now)) {
      int position = acd().position(sasId(bridge));
      queueMedia.announce(bridge, position, acd().estimatedHold(run.number()));
    }
  }

  /**
   * Asks the distributor for offers and rings them: the offer of this caller at once, the others on their own
   * callers' sessions. {@code here} may be null (nobody of the queue is at hand).
   */
  private void dispatch(QueueRun run, Bridge here) {
    List<Acd.Offer> offers = acd().dispatch(run.setup(), clock.instant(), media.queues().lines());
    for (Acd.Offer offer : offers) {
      if (here != null && offer.caller().equals(sasId(here))) {
        ring(here, offer);
      } else {
        scheduler.schedule(offer.caller(), Duration.ZERO, s -> {
          Bridge b = Bridge.of(s);
          if (b == null || b.over() || b.queueWait() == null) {
            acd().withdraw(offer.caller());
          } else {
            ring(b, offer);
          }
        });
      }
    }
  }

  /** Rings an offer's members, for the member ring time, as a one-step plan on the caller's call. */
  private void ring(Bridge bridge, Acd.Offer offer) {
    QueueWait wait = bridge.queueWait();
    int timeout = wait.run().settings().memberTimeout();
    List<CallDecision.RingTarget> targets = new ArrayList<>();
    for (String member : offer.members()) {
      List<String> contacts = media.queues().contacts().apply(member);
      if (!contacts.isEmpty()) {
        targets.add(new CallDecision.RingTarget(member, contacts));
      }
    }
    if (targets.isEmpty()) {
      noAnswer(bridge);
      return;
    }
    LOG.info("Queue {}: call {} offered to {}", offer.queue(), bridge.state().caller(), offer.members());
    CallDecision.Ring plan = new CallDecision.Ring(
        offer.queue(), QUEUE_APP, offer.queue() + ",t,,," + timeout, QUEUE_CONTEXT, "", null,
        List.of(new CallDecision.RingStep(targets, Duration.ofSeconds(timeout))), null, null, wait.hops());
    flow.ringPlan(bridge, plan);
  }

  /** Nobody answered the offer (ring time over, or every leg failed): RINGNOANSWER, retry pause, offers again. */
  void noAnswer(Bridge bridge) {
    QueueWait wait = bridge.queueWait();
    bridge.legs().forEach(flow::cancel);
    bridge.settle();
    Instant now = clock.instant();
    List<String> rung = acd().noAnswer(sasId(bridge), now, Duration.ofSeconds(wait.run().settings().retry()));
    for (String member : rung) {
      queues().record(new QueueLogEntry(now, bridge.state().recordId(), wait.queue(), member, QueueEvent.RINGNOANSWER)
          .withData(String.valueOf(wait.run().settings().memberTimeout() * 1000)));
    }
    dispatch(wait.run(), null);
  }

  /** A member answered the caller's offer: CONNECT, and the caller stops waiting. */
  void connected(Bridge bridge, String member) {
    QueueWait wait = bridge.queueWait();
    bridge.queueWait(null);
    wait.tick(null);
    wait.nextSound();
    bridge.state().media(null);
    Instant now = clock.instant();
    Visit visit = visits.get(bridge.state().recordId());
    acd().connected(sasId(bridge), member, now).ifPresent(d -> {
      queues().record(new QueueLogEntry(now, bridge.state().recordId(), wait.queue(), member, QueueEvent.CONNECT)
          .withWait(d.waited().toSeconds()).withPosition(d.originalPosition()));
      if (visit != null) {
        visit.agent = member;
        visit.connectedAt = now;
        visit.wrapUp = wait.run().settings().wrapUp();
      }
    });
    LOG.info("Queue {}: call {} answered by {}", wait.queue(), bridge.state().caller(), member);
  }

  /** A key pressed while waiting: the exit key takes the caller to the exit destination. */
  private void queueKey(SipApplicationSession sas, char key) {
    Bridge bridge = Bridge.of(sas);
    if (bridge == null || bridge.over() || bridge.queueWait() == null) {
      return;
    }
    QueueRun run = bridge.queueWait().run();
    Destination exit = run.exitDestination();
    if (exit != null && run.settings().exitKey().charAt(0) == key) {
      leave(bridge, QueueEvent.EXITWITHKEY, String.valueOf(key), exit);
    }
  }

  /** The caller leaves the queue without an answer (timeout, empty, key) and goes on to {@code next}. */
  private void leave(Bridge bridge, QueueEvent why, String data, Destination next) {
    QueueWait wait = bridge.queueWait();
    bridge.queueWait(null);
    wait.tick(null);
    wait.nextSound();
    bridge.state().media(null);
    bridge.callerMedia().stopPlaying();
    bridge.legs().forEach(flow::cancel);
    bridge.settle();
    visits.remove(bridge.state().recordId());
    Instant now = clock.instant();
    acd().leave(sasId(bridge), now, Duration.ZERO).ifPresent(d -> queues().record(
        new QueueLogEntry(now, bridge.state().recordId(), wait.queue(), null, why)
            .withPosition(d.position()).withWait(d.waited().toSeconds()).withData(data)));
    LOG.info("Call {} leaves queue {}: {}", bridge.state().caller(), wait.queue(), why);
    flow.carryOut(bridge, router.route(next, wait.hops() + 1));
  }

  @Override
  public void answered(CallState call, CallDecision.Ring plan, String member) {}

  @Override
  public void failed(CallState call, int status, String reason) {
    ended(call, false);
  }

  @Override
  public void hungUp(CallState call, String by) {
    ended(call, B2bua.BY_CALLEE.equals(by));
  }

  /** The call of a queue visit ended: ABANDON while waiting, else COMPLETEAGENT / COMPLETECALLER. */
  private void ended(CallState call, boolean byAgent) {
    Visit visit = visits.remove(call.recordId());
    if (visit == null) {
      return;
    }
    Instant now = clock.instant();
    if (visit.agent == null) {
      acd().leave(visit.sasId, now, Duration.ZERO).ifPresent(d -> queues().record(
          new QueueLogEntry(now, call.recordId(), visit.queue, null, QueueEvent.ABANDON)
              .withPosition(d.position()).withWait(d.waited().toSeconds())
              .withData(String.valueOf(d.originalPosition()))));
      LOG.info("Call {} abandoned queue {}", call.caller(), visit.queue);
      return;
    }
    acd().leave(visit.sasId, now, Duration.ofSeconds(visit.wrapUp));
    queues().record(new QueueLogEntry(
            now, call.recordId(), visit.queue, visit.agent,
            byAgent ? QueueEvent.COMPLETEAGENT : QueueEvent.COMPLETECALLER)
        .withWait(Duration.between(visit.joinedAt, visit.connectedAt).toSeconds())
        .withTalk(Duration.between(visit.connectedAt, now).toSeconds()));
  }

  private static String sasId(Bridge bridge) {
    return bridge.callerInvite().getApplicationSession().getId();
  }
}
