package org.convergepbx.call;

import static org.convergepbx.call.SipSends.copyContent;
import static org.convergepbx.call.SipSends.dropLateAnswer;
import static org.convergepbx.call.SipSends.isCaller;
import static org.convergepbx.call.SipSends.keyInfo;
import static org.convergepbx.call.SipSends.relayResponse;
import static org.convergepbx.call.SipSends.sendBye;
import static org.convergepbx.call.SipSends.sendCancel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.servlet.sip.Address;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;
import javax.servlet.sip.URI;
import org.convergepbx.media.Prompts;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.routing.Destination;
import org.convergepbx.security.SipsRule;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-to-back user agent that carries calls out: it keeps the caller's leg and rings each target on a leg
 * of its own, so it can ring a plan step by step (hunting), move on to a no-answer destination, give up on a
 * leg and hang a call up. Only SIP is done here: where to go is the {@link CallRouter}'s decision, and what
 * happened is told to {@link CallEvents}.
 *
 * <p>The caller hears ringing from the first leg that rings; the first 2xx connects the call and every other
 * leg is CANCELled (no ghost ringing); a 2xx that comes after is acknowledged and hung up. Mid-call requests
 * (re-INVITE, UPDATE, INFO, ...) are relayed to the other side and their answers relayed back. Media goes
 * end to end: the SDP is passed on unchanged. What happened is told to {@link CallEvents} before the SIP
 * message that shows it is sent, so a party that saw the call end finds its record closed.
 */
public final class B2bua {
  private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
  static final String BY_CALLER = "caller";
  static final String BY_CALLEE = "callee";
  static final String BY_ADMINISTRATOR = "administrator";
  static final String BY_MAXIMUM_DURATION = "maximum call duration";
  /** The call record's lastapp and dcontext of a message being left (FreePBX's names). */
  public static final String VOICEMAIL_APP = "VoiceMail";
  public static final String VOICEMAIL_CONTEXT = "ext-local";
  /** The call record's lastapp and dcontext prefix of a caller in an IVR menu (FreePBX's ivr-N context). */
  public static final String IVR_APP = "IVR";
  public static final String IVR_CONTEXT = "ivr-";

  private static final FinalAnswer NO_ANSWER = new FinalAnswer(480, "No Answer");

  private final SipFactory factory;
  private final CallRouter router;
  private final SessionScheduler scheduler;
  private final CallEvents events;
  private final Duration maximumDuration;
  private final MediaSettings media;
  private final IvrCalls ivr;
  private final ConfirmCalls confirms;
  private final QueueCalls queues;
  private final VoicemailCalls voicemails;
  private final TrunkCalls trunkCalls;

  /** @param events told what happens to calls; queue calls' own listener is added after it */
  public B2bua(
      SipFactory factory,
      CallRouter router,
      SessionScheduler scheduler,
      CallEvents events,
      Duration maximumDuration,
      MediaSettings media,
      Clock clock) {
    this.factory = factory;
    this.router = router;
    this.scheduler = scheduler;
    this.maximumDuration = maximumDuration;
    this.media = media;
    this.ivr = new IvrCalls(this, scheduler, media, router);
    this.confirms = new ConfirmCalls(this, scheduler, media);
    this.queues = new QueueCalls(this, scheduler, media, router, clock);
    this.events = events.andThen(queues);
    this.voicemails = new VoicemailCalls(this, scheduler, media, this.events);
    this.trunkCalls = new TrunkCalls(this, scheduler, this.events);
  }

  /**
   * Carries out a ring plan on the caller's INVITE, which stays unanswered until a leg answers or the plan (with
   * its no-answer destinations) is exhausted. The call's {@link CallState} must already be an attribute of the
   * session.
   */
  public void ring(SipServletRequest invite, CallState state, CallDecision.Ring plan) {
    SipApplicationSession sas = invite.getApplicationSession();
    Bridge bridge = new Bridge(invite, state);
    sas.setAttribute(Bridge.ATTRIBUTE, bridge);
    bridge.follow(plan);
    startStep(bridge);
  }

  /**
   * Starts the bridge's current step: legs of members that are not in it are cancelled, members already
   * ringing keep ringing, the others get a leg per contact, and the step's ring time starts. A SIPS call gets
   * legs only to contacts reached over TLS (never a downgrade). A step where nothing could be started is over
   * at once.
   */
  private void startStep(Bridge bridge) {
    CallDecision.RingStep step = bridge.currentStep();
    Set<String> wanted = new HashSet<>();
    step.targets().forEach(t -> wanted.add(t.member()));
    for (Leg leg : bridge.legs()) {
      if (leg.active() && !wanted.contains(leg.member())) {
        cancel(leg);
      }
    }
    Set<String> ringing = bridge.ringingMembers();
    boolean sips = SipsRule.isSips(bridge.callerInvite().getRequestURI().toString());
    for (CallDecision.RingTarget target : step.targets()) {
      if (!ringing.contains(target.member())) {
        for (String contact : target.contacts()) {
          if (!sips || SipsRule.reachedOverTls(contact)) {
            startLeg(bridge, target, contact);
          }
        }
      }
    }
    if (bridge.noLegActive()) {
      stepOver(bridge, false);
      return;
    }
    String sasId = bridge.callerInvite().getApplicationSession().getId();
    bridge.replaceTimer(scheduler.schedule(sasId, step.ringTime(), this::stepTimeExpired));
  }

  /**
   * The current step ended unanswered, by its ring time ({@code timedOut}) or because every leg failed: the
   * next step rings; after the last one the call goes to the plan's busy destination if the members were busy,
   * else to its no-answer destination; without one, the caller gets the best failure (480 No Answer when the
   * time ran out).
   */
  void stepOver(Bridge bridge, boolean timedOut) {
    if (bridge.trunkCall() != null && !TrunkCalls.failsOver(bridge, timedOut)) {
      cancelLegs(bridge);
      fail(bridge, timedOut ? NO_ANSWER : FinalAnswer.best(bridge.failures()));
      return;
    }
    if (bridge.nextStep()) {
      startStep(bridge);
      return;
    }
    if (bridge.queueWait() != null) {
      queues.noAnswer(bridge);
      return;
    }
    CallDecision.Ring plan = bridge.plan();
    FinalAnswer failure = timedOut ? NO_ANSWER : FinalAnswer.best(bridge.failures());
    Destination next = failure.busy() ? plan.ifBusy() : plan.ifNoAnswer();
    if (next == null) {
      cancelLegs(bridge);
      fail(bridge, failure);
      return;
    }
    CallDecision decision = router.route(next, plan.hops() + 1);
    if (decision instanceof CallDecision.Ring more) {
      bridge.follow(more);
      events.movedOn(bridge.state(), more.app(), more.appData(), more.context());
      startStep(bridge);
    } else {
      cancelLegs(bridge);
      carryOut(bridge, decision);
    }
  }

  /** Carries out a decision that does not ring (the call's legs, if any, are already lost). */
  void carryOut(Bridge bridge, CallDecision decision) {
    if (decision instanceof CallDecision.Ring more) {
      bridge.unsettle();
      bridge.follow(more);
      events.movedOn(bridge.state(), more.app(), more.appData(), more.context());
      startStep(bridge);
    } else if (decision instanceof CallDecision.Voicemail box) {
      events.movedOn(bridge.state(), VOICEMAIL_APP, box.extension() + "@default", VOICEMAIL_CONTEXT);
      voicemails.start(bridge, box);
    } else if (decision instanceof CallDecision.Menu menu) {
      events.movedOn(bridge.state(), IVR_APP, menu.ivr(), IVR_CONTEXT + menu.ivr());
      ivr.startMenu(bridge, menu);
    } else if (decision instanceof CallDecision.Queue queue) {
      events.movedOn(bridge.state(), QueueCalls.QUEUE_APP, queue.queue() + ",t", QueueCalls.QUEUE_CONTEXT);
      queues.startQueue(bridge, queue);
    } else {
      CallDecision.Reject reject = (CallDecision.Reject) decision;
      fail(bridge, new FinalAnswer(reject.status(), reject.reason()));
    }
  }

  /** A response on any of the call's sessions. */
  public void onResponse(SipServletResponse resp) {
    Bridge bridge = Bridge.of(resp.getApplicationSession());
    if (bridge == null || resp.getStatus() == 100) {
      return;
    }
    Leg leg = bridge.leg(resp.getSession().getId());
    if (bridge.joinsCaller(resp)) {
      onCallerJoined(bridge, resp);
      return;
    }
    if (leg != null && "INVITE".equals(resp.getMethod()) && leg.answers(resp)) {
      onLegResponse(bridge, leg, resp);
    } else if (leg != null && "INVITE".equals(resp.getMethod()) && leg.acceptedBy(resp)) {
      confirms.onAcceptedLeg(bridge, leg, resp);
    } else if (!"BYE".equals(resp.getMethod()) && !"CANCEL".equals(resp.getMethod())) {
      relayResponse(resp);
    }
  }

  /** The caller's CANCEL: the container has answered it (and the INVITE with 487); the legs are cancelled. */
  public void onCancel(SipServletRequest cancel) {
    Bridge bridge = Bridge.of(cancel.getApplicationSession());
    if (bridge == null || bridge.over() || bridge.connected() != null || bridge.voicemail() != null) {
      return;
    }
    cancelLegs(bridge);
    bridge.end();
    events.failed(bridge.state(), 487, "Request Terminated");
  }

  /** An ACK from either side: for the call's 2xx, or for the 2xx of a relayed re-INVITE. */
  public void onAck(SipServletRequest ack) throws IOException {
    Bridge bridge = Bridge.of(ack.getApplicationSession());
    if (bridge != null && bridge.voicemail() != null && !bridge.over()) {
      voicemails.startRecording(bridge);
      return;
    }
    if (bridge != null && bridge.menu() != null && !bridge.over() && isCaller(bridge, ack)) {
      ivr.runMenu(bridge, bridge.menu().session().start());
      return;
    }
    if (bridge != null && bridge.queueWait() != null && !bridge.over() && isCaller(bridge, ack)) {
      queues.begin(bridge);
      return;
    }
    if (bridge == null || bridge.connected() == null) {
      return;
    }
    Leg leg = bridge.connected();
    if (ack.getSession().getId().equals(bridge.callerSession().getId()) && leg.unacknowledgedOk() != null) {
      SipServletRequest legAck = leg.unacknowledgedOk().createAck();
      copyContent(ack, legAck);
      legAck.send();
      leg.unacknowledgedOk(null);
      return;
    }
    SipSession peer = bridge.peerOf(ack.getSession());
    if (peer == null) {
      return;
    }
    for (SipServletMessage pending : ack.getB2buaHelper().getPendingMessages(peer, UAMode.UAC)) {
      if (pending instanceof SipServletResponse ok && "INVITE".equals(ok.getMethod()) && ok.getStatus() < 300) {
        SipServletRequest relayed = ok.createAck();
        copyContent(ack, relayed);
        relayed.send();
      }
    }
  }

  /** A BYE from either side: the call ends, the BYE goes on to the other side, then the BYE is answered. */
  public void onBye(SipServletRequest bye) throws IOException {
    try {
      endOnBye(bye);
    } finally {
      SipResponses.send(bye, 200, "OK");
    }
  }

  /** What a BYE ends; its 200 follows, so that the call's record is closed before the sender learns it ended. */
  private void endOnBye(SipServletRequest bye) {
    Bridge bridge = Bridge.of(bye.getApplicationSession());
    if (bridge == null || bridge.over()) {
      return;
    }
    if (bridge.voicemail() != null) {
      voicemails.finish(bridge, BY_CALLER);
      return;
    }
    Leg leg = bridge.leg(bye.getSession().getId());
    if (leg != null && leg.confirming() && leg != bridge.connected()) {
      confirms.confirmingLegGone(bridge, leg);
      return;
    }
    if (bridge.callerAnswered() && bridge.connected() == null && isCaller(bridge, bye)) {
      bridge.end();
      events.hungUp(bridge.state(), BY_CALLER);
      cancelLegs(bridge);
      return;
    }
    SipSession peer = bridge.peerOf(bye.getSession());
    if (peer == null) {
      return;
    }
    bridge.end();
    boolean fromCaller = bye.getSession().getId().equals(bridge.callerSession().getId());
    events.hungUp(bridge.state(), fromCaller ? BY_CALLER : BY_CALLEE);
    sendBye(peer);
  }

  /** Any other request inside a dialog (re-INVITE, UPDATE, INFO, OPTIONS, ...) goes to the other side. */
  public void relayRequest(SipServletRequest req) throws IOException {
    Bridge bridge = Bridge.of(req.getApplicationSession());
    Leg confirming = bridge == null ? null : bridge.leg(req.getSession().getId());
    if (confirming != null && confirming.confirming() && "INFO".equals(req.getMethod())) {
      keyInfo(req, confirming.confirmation()::key);
      return;
    }
    if (bridge != null && bridge.callerAnswered() && bridge.connected() == null && "INFO".equals(req.getMethod())
        && isCaller(bridge, req)) {
      keyInfo(req, bridge.callerMedia()::key);
      return;
    }
    SipSession peer = bridge == null || bridge.over() ? null : bridge.peerOf(req.getSession());
    if (peer == null) {
      SipResponses.send(
          req, bridge == null || bridge.over() ? 481 : 491,
          bridge == null || bridge.over() ? "Call/Transaction Does Not Exist" : "Request Pending");
      return;
    }
    B2buaHelper helper = req.getB2buaHelper();
    SipServletRequest relayed = helper.createRequest(peer, req, null);
    if (relayed.getContentLength() <= 0) {
      copyContent(req, relayed);
    }
    relayed.send();
  }

  /**
   * Ends the call on the session: an answered call is hung up on both sides (BYE), a ringing one has its legs
   * cancelled and the caller told 480. Nothing happens to a call already over.
   */
  public void hangUp(SipApplicationSession sas, String by) {
    Bridge bridge = Bridge.of(sas);
    if (bridge == null || bridge.over()) {
      return;
    }
    if (bridge.voicemail() != null) {
      sendBye(bridge.callerSession());
      voicemails.finish(bridge, by);
      return;
    }
    if (bridge.connected() == null) {
      cancelLegs(bridge);
      fail(bridge, new FinalAnswer(480, "Call ended by the " + by));
      return;
    }
    Leg leg = bridge.connected();
    bridge.end();
    events.hungUp(bridge.state(), by);
    sendBye(leg.invite().getSession());
    sendBye(bridge.callerSession());
  }

  /** A new call that goes straight to a voicemail box. */
  public void voicemail(SipServletRequest invite, CallState state, CallDecision.Voicemail box) {
    Bridge bridge = new Bridge(invite, state);
    invite.getApplicationSession().setAttribute(Bridge.ATTRIBUTE, bridge);
    voicemails.start(bridge, box);
  }

  /**
   * The server answers the caller itself, with its own audio: 200 with the SDP answer; false (and the caller
   * refused) if the caller offers no G.711 audio (488) or no RTP port is free (503).
   */
  boolean answerCaller(Bridge bridge, String channel) {
    SipServletRequest invite = bridge.callerInvite();
    ServerAudio.Outcome outcome = ServerAudio.open(invite, media);
    if (outcome instanceof ServerAudio.Refused refused) {
      fail(bridge, new FinalAnswer(refused.status(), refused.reason()));
      return false;
    }
    ServerAudio.Opened audio = (ServerAudio.Opened) outcome;
    bridge.callerMedia(audio.channel());
    bridge.settle();
    events.answered(bridge.state(), null, channel);
    try {
      audio.answer(invite);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("The server's answer could not be sent: {}", e.toString());
      bridge.end();
      events.hungUp(bridge.state(), "server");
      return false;
    }
  }

  /** A new call that goes straight to a call queue. */
  public void queue(SipServletRequest invite, CallState state, CallDecision.Queue queue) {
    Bridge bridge = new Bridge(invite, state);
    invite.getApplicationSession().setAttribute(Bridge.ATTRIBUTE, bridge);
    queues.startQueue(bridge, queue);
  }

  /**
   * Rings a plan on the bridge from its first step (a queue's offer to a waiting caller, whose no-answer goes
   * back to the queue; a route's trunks).
   */
  void ringPlan(Bridge bridge, CallDecision.Ring plan) {
    bridge.unsettle();
    bridge.follow(plan);
    startStep(bridge);
  }

  /** A new call that goes out on a route's trunks. */
  public void trunks(SipServletRequest invite, CallState state, CallDecision.Trunks out) {
    Bridge bridge = new Bridge(invite, state);
    invite.getApplicationSession().setAttribute(Bridge.ATTRIBUTE, bridge);
    trunkCalls.start(bridge, out);
  }

  /** A new call that goes straight to an IVR menu. */
  public void menu(SipServletRequest invite, CallState state, CallDecision.Menu menu) {
    Bridge bridge = new Bridge(invite, state);
    invite.getApplicationSession().setAttribute(Bridge.ATTRIBUTE, bridge);
    ivr.startMenu(bridge, menu);
  }

  private void startLeg(Bridge bridge, CallDecision.RingTarget member, String contact) {
    SipServletRequest in = bridge.callerInvite();
    Confirmation confirmation = member.confirm() ? confirms.openConfirmation(in) : null;
    if (member.confirm() && confirmation == null) {
      return;
    }
    try {
      URI target = factory.createURI(contact);
      Address from = factory.createAddress(in.getFrom().getURI().clone(), callerName(bridge));
      Address to = factory.createAddress(in.getTo().getURI().clone(), in.getTo().getDisplayName());
      if (bridge.trunkCall() != null) {
        to = factory.createAddress(target.clone());
        String callerId = TrunkCalls.attemptOf(bridge, member.member()).callerId();
        if (callerId != null && from.getURI() instanceof javax.servlet.sip.SipURI fromUri) {
          fromUri.setUser(callerId);
        }
      }
      SipServletRequest out = factory.createRequest(in.getApplicationSession(), "INVITE", from, to);
      out.setRequestURI(target);
      out.setMaxForwards(Math.max(0, in.getMaxForwards() - 1));
      if (confirmation == null && !bridge.callerAnswered()) {
        copyContent(in, out);
      } else if (confirmation != null) {
        out.setContent(confirmation.offer(in.getLocalAddr()), "application/sdp");
      }
      out.send();
      Leg leg = new Leg(out, member.member(), confirmation);
      bridge.add(leg);
      if (bridge.trunkCall() != null) {
        trunkCalls.sent(bridge, leg);
      }
    } catch (IOException | ServletParseException | RuntimeException e) {
      LOG.warn("Leg to {} could not be started: {}", contact, e.toString());
      if (confirmation != null) {
        confirmation.close();
      }
    }
  }

  /** The caller's display name, or number, behind the plan's prefix (a ring group's "Sales: "). */
  private static String callerName(Bridge bridge) {
    String prefix = bridge.plan().callerNamePrefix();
    String display = bridge.callerInvite().getFrom().getDisplayName();
    if (prefix.isEmpty()) {
      return display;
    }
    return prefix + (display == null || display.isBlank() ? bridge.state().caller() : display);
  }

  private void onLegResponse(Bridge bridge, Leg leg, SipServletResponse resp) {
    int status = resp.getStatus();
    if (status < 200) {
      leg.provisional();
      if (leg.cancelDue()) {
        sendCancel(leg);
      } else if (!bridge.settled()) {
        alertCaller(bridge, resp, leg.confirmation() == null);
      }
    } else if (status < 300) {
      if (leg == bridge.connected() || leg.confirming()) {
        LOG.debug("2xx retransmission of an answered leg ignored");
      } else if (leg.confirmation() != null) {
        confirms.confirmAnswer(bridge, leg, resp);
      } else if (bridge.settled() || leg.cancelWanted()) {
        dropLateAnswer(leg, resp);
      } else {
        connect(bridge, leg, resp);
      }
    } else {
      if ((status == 401 || status == 407) && bridge.trunkCall() != null && leg.active()
          && trunkCalls.answerChallenge(bridge, leg, resp)) {
        return;
      }
      boolean wasRunning = leg.active();
      leg.finished(status, resp.getReasonPhrase());
      if (leg.confirmation() != null) {
        leg.confirmation().close();
      }
      if (wasRunning && !bridge.settled() && bridge.noLegActive()) {
        stepOver(bridge, bridge.ringTimeIsOver());
      }
    }
  }

  /** Ringing to the caller: a 183 with the leg's early media if it may be relayed (once), else one 180. */
  private void alertCaller(Bridge bridge, SipServletResponse provisional, boolean mayRelayMedia) {
    if (bridge.callerAnswered()) {
      if (bridge.queueWait() == null && bridge.alertCaller()) {
        bridge.callerMedia().play(Prompts.ringback());
      }
      return;
    }
    try {
      boolean withMedia = mayRelayMedia && provisional.getContentLength() > 0 && bridge.relayEarlyMedia();
      if (withMedia) {
        SipServletResponse early = bridge.callerInvite().createResponse(183, "Session Progress");
        copyContent(provisional, early);
        bridge.alertCaller();
        early.send();
      } else if (bridge.alertCaller()) {
        bridge.callerInvite().createResponse(180, "Ringing").send();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ringing could not be passed to the caller: {}", e.toString());
    }
  }

  void connect(Bridge bridge, Leg leg, SipServletResponse ok) {
    bridge.connect(leg);
    leg.finished(ok.getStatus(), ok.getReasonPhrase());
    if (leg.confirming()) {
      leg.confirming(false);
    } else {
      leg.unacknowledgedOk(ok);
    }
    for (Leg other : bridge.legs()) {
      if (other != leg) {
        cancel(other);
      }
    }
    if (bridge.queueWait() != null) {
      queues.connected(bridge, leg.member());
    }
    events.answered(bridge.state(), bridge.plan(), leg.member());
    if (bridge.callerAnswered()) {
      joinCaller(bridge, leg, ok);
    } else {
      try {
        SipServletResponse answer = bridge.callerInvite().createResponse(200, "OK");
        copyContent(ok, answer);
        answer.send();
      } catch (IOException | RuntimeException e) {
        LOG.warn("The answer could not be passed to the caller: {}", e.toString());
        hangUpUnconnected(bridge, leg);
        return;
      }
    }
    if (bridge.over()) {
      return;
    }
    SipApplicationSession sas = bridge.callerInvite().getApplicationSession();
    bridge.replaceTimer(
        scheduler.schedule(sas.getId(), maximumDuration, s -> hangUp(s, BY_MAXIMUM_DURATION)));
  }

  /**
   * Joins a caller the server has answered to the leg that answered (RFC 3725 flow I): the leg's 2xx carries
   * its SDP offer, the caller is re-INVITEd with it, and the caller's answer goes to the leg in its ACK.
   */
  private void joinCaller(Bridge bridge, Leg leg, SipServletResponse legOk) {
    bridge.callerMedia().stopPlaying();
    leg.unacknowledgedOk(null);
    try {
      SipServletRequest reinvite = bridge.callerSession().createRequest("INVITE");
      copyContent(legOk, reinvite);
      bridge.joining(reinvite, legOk);
      reinvite.send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("The caller could not be re-INVITEd: {}", e.toString());
      hangUp(bridge.callerInvite().getApplicationSession(), "server");
    }
  }

  /** The caller's answer to the joining re-INVITE: acknowledged, and its SDP goes to the leg in the leg's ACK. */
  private void onCallerJoined(Bridge bridge, SipServletResponse resp) {
    if (resp.getStatus() < 200) {
      return;
    }
    SipServletResponse legOk = bridge.legOffer();
    if (resp.getStatus() >= 300) {
      LOG.warn("The caller refused the answering leg's media: {} {}", resp.getStatus(), resp.getReasonPhrase());
      try {
        legOk.createAck().send();
      } catch (IOException | RuntimeException e) {
        LOG.warn("ACK to the answering leg failed: {}", e.toString());
      }
      hangUp(bridge.callerInvite().getApplicationSession(), "server: the caller refused the media");
      return;
    }
    try {
      resp.createAck().send();
      SipServletRequest ack = legOk.createAck();
      copyContent(resp, ack);
      ack.send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("The joining ACKs could not be sent: {}", e.toString());
    }
    bridge.callerMedia().close();
  }

  /** The caller could not be told of the answer: the answering leg is acknowledged and hung up. */
  private void hangUpUnconnected(Bridge bridge, Leg leg) {
    bridge.end();
    events.hungUp(bridge.state(), "server: the caller could not be reached");
    dropLateAnswer(leg, leg.unacknowledgedOk());
  }

  /**
   * The step's ring time is over. A leg whose answerer is deciding keeps its chance: the ringing legs are
   * cancelled and its outcome ends the step.
   */
  private void stepTimeExpired(SipApplicationSession sas) {
    Bridge bridge = Bridge.of(sas);
    if (bridge == null || bridge.settled()) {
      return;
    }
    if (bridge.anyConfirming()) {
      bridge.ringTimeOver();
      bridge.legs().stream().filter(l -> !l.confirming()).forEach(this::cancel);
      return;
    }
    stepOver(bridge, true);
  }

  void fail(Bridge bridge, FinalAnswer answer) {
    if (bridge.callerAnswered()) {
      LOG.info("Call {} ends: {} {}", bridge.state().caller(), answer.status(), answer.reason());
      bridge.end();
      events.hungUp(bridge.state(), "server (" + answer.status() + " " + answer.reason() + ")");
      sendBye(bridge.callerSession());
      return;
    }
    bridge.end();
    events.failed(bridge.state(), answer.status(), answer.reason());
    try {
      SipResponses.send(bridge.callerInvite(), answer.status(), answer.reason());
    } catch (IOException | RuntimeException e) {
      LOG.warn("The caller could not be told {}: {}", answer.status(), e.toString());
    }
  }

  private void cancelLegs(Bridge bridge) {
    bridge.settle();
    for (Leg leg : bridge.legs()) {
      cancel(leg);
    }
  }

  /** The leg loses: CANCEL if it rings, "too late" and BYE if its answerer is being asked to confirm. */
  void cancel(Leg leg) {
    if (leg.finished() || leg.cancelWanted()) {
      return;
    }
    leg.wantCancel();
    if (leg.confirming() && leg.isAccepting()) {
      confirms.hangUpDismissed(leg);
    } else if (leg.confirming()) {
      confirms.dismiss(leg);
    } else if (leg.cancelDue()) {
      sendCancel(leg);
    }
  }

}
