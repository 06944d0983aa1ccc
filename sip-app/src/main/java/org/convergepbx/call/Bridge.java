package org.convergepbx.call;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.convergepbx.media.MediaChannel;
import org.convergepbx.routing.CallDecision;

/**
 * The back-to-back state of one call: the caller's INVITE, the plan being followed and its current step, the
 * legs ringing for it and the one that answered.
 * It is an attribute of the call's application session and is only touched under that session's lock (the
 * container serialises SIP messages per application session; timers and the HTTP hang-up run as work of the
 * session), so it needs no locking of its own.
 *
 * <p>Invariants: once {@link #settled()} no leg may connect any more (a late 2xx is acknowledged and hung up);
 * at most one leg is ever {@link #connected()}; once {@link #over()} nothing of the call is sent again.
 */
final class Bridge {
  static final String ATTRIBUTE = "org.convergepbx.bridge";

  private final SipServletRequest callerInvite;
  private final CallState state;
  private final Map<String, Leg> legs = new LinkedHashMap<>();
  private CallDecision.Ring plan;
  private int step;
  private boolean callerAlerted;
  private boolean earlyMediaRelayed;
  private Leg connected;
  private boolean settled;
  private boolean over;
  private Future<?> timer;
  private VoicemailLeg voicemail;
  private boolean ringTimeOver;
  private MediaChannel callerMedia;
  private MenuRun menu;
  private String callerReinviteCseq;
  private SipServletResponse legOffer;
  private QueueWait queueWait;
  private CallDecision.Trunks trunkCall;

  Bridge(SipServletRequest callerInvite, CallState state) {
    this.callerInvite = callerInvite;
    this.state = state;
  }

  /** The bridge of the session's call, or null. */
  static Bridge of(SipApplicationSession sas) {
    if (sas == null || !sas.isValid()) {
      return null;
    }
    return sas.getAttribute(ATTRIBUTE) instanceof Bridge b ? b : null;
  }

  SipServletRequest callerInvite() {
    return callerInvite;
  }

  SipSession callerSession() {
    return callerInvite.getSession();
  }

  CallState state() {
    return state;
  }

  void add(Leg leg) {
    legs.put(leg.sessionId(), leg);
  }

  Leg leg(String sessionId) {
    return legs.get(sessionId);
  }

  Collection<Leg> legs() {
    return legs.values();
  }

  /** True when no leg is still in the running: the current step is over without an answer. */
  boolean noLegActive() {
    return legs.values().stream().noneMatch(Leg::active);
  }

  /** The members that have a leg still in the running. */
  Set<String> ringingMembers() {
    Set<String> members = new HashSet<>();
    for (Leg leg : legs.values()) {
      if (leg.active()) {
        members.add(leg.member());
      }
    }
    return members;
  }

  /** Starts following a plan (the first, or the one of a no-answer destination) from its first step. */
  void follow(CallDecision.Ring next) {
    plan = next;
    step = 0;
    ringTimeOver = false;
  }

  /** True if a leg is answered and its answerer is deciding whether to accept the call. */
  boolean anyConfirming() {
    return legs.values().stream().anyMatch(l -> l.confirming() && l.active());
  }

  /** The step's ring time ran out while a leg was being confirmed: its outcome ends the step. */
  void ringTimeOver() {
    ringTimeOver = true;
  }

  boolean ringTimeIsOver() {
    return ringTimeOver;
  }

  CallDecision.Ring plan() {
    return plan;
  }

  CallDecision.RingStep currentStep() {
    return plan.steps().get(step);
  }

  /** Moves to the plan's next step; false if there is none. */
  boolean nextStep() {
    if (step + 1 >= plan.steps().size()) {
      return false;
    }
    step++;
    ringTimeOver = false;
    return true;
  }

  List<FinalAnswer> failures() {
    List<FinalAnswer> answers = new ArrayList<>();
    for (Leg leg : legs.values()) {
      if (leg.finished() && !leg.cancelWanted()) {
        answers.add(new FinalAnswer(leg.finalStatus(), leg.finalReason()));
      }
    }
    return answers;
  }

  /** True the first time: the caller should now hear ringing. */
  boolean alertCaller() {
    boolean first = !callerAlerted;
    callerAlerted = true;
    return first;
  }

  /** True the first time: this leg's early media is what the caller hears. */
  boolean relayEarlyMedia() {
    boolean first = !earlyMediaRelayed;
    earlyMediaRelayed = true;
    return first;
  }

  void connect(Leg leg) {
    connected = leg;
    settled = true;
  }

  Leg connected() {
    return connected;
  }

  /** The other side of an answered call from {@code session}, or null. */
  SipSession peerOf(SipSession session) {
    if (connected == null) {
      return null;
    }
    String id = session.getId();
    if (id.equals(callerSession().getId())) {
      return connected.invite().getSession();
    }
    return id.equals(connected.sessionId()) ? callerSession() : null;
  }

  /** The server's own voicemail leg, if the call ended up leaving a message. */
  VoicemailLeg voicemail() {
    return voicemail;
  }

  void voicemail(VoicemailLeg leg) {
    voicemail = leg;
    settled = true;
  }

  /**
   * The server's own audio with the caller, once the server has answered the caller itself (voicemail, an IVR).
   * From then on the caller is never sent a final response again: legs are called without SDP and the one that
   * answers is joined to the caller by a re-INVITE of the caller.
   */
  MediaChannel callerMedia() {
    return callerMedia;
  }

  void callerMedia(MediaChannel media) {
    callerMedia = media;
  }

  boolean callerAnswered() {
    return callerMedia != null;
  }

  /** The IVR menu the caller is in, or null. */
  MenuRun menu() {
    return menu;
  }

  void menu(MenuRun run) {
    menu = run;
  }

  /** The route and trunks of a call going out on trunks, or null. */
  CallDecision.Trunks trunkCall() {
    return trunkCall;
  }

  void trunkCall(CallDecision.Trunks call) {
    trunkCall = call;
  }

  /** The queue the caller waits in, or null. */
  QueueWait queueWait() {
    return queueWait;
  }

  void queueWait(QueueWait wait) {
    queueWait = wait;
  }

  /** The answering leg's 2xx (its SDP offer) while the caller is re-INVITEd with it. */
  void joining(SipServletRequest callerReinvite, SipServletResponse offer) {
    callerReinviteCseq = callerReinvite.getHeader("CSeq");
    legOffer = offer;
  }

  /** True if the response answers the re-INVITE that joins the caller to the answering leg. */
  boolean joinsCaller(SipServletResponse resp) {
    return callerReinviteCseq != null && callerReinviteCseq.equals(resp.getHeader("CSeq"))
        && resp.getSession().getId().equals(callerSession().getId());
  }

  SipServletResponse legOffer() {
    return legOffer;
  }

  /** No leg may answer any more: the call is connected or has failed. */
  boolean settled() {
    return settled;
  }

  void settle() {
    settled = true;
  }

  /**
   * The call rings again (a caller the server answered going on from an IVR or a queue, a queue's next offer, a
   * route's trunks): legs may connect again. Finished legs are forgotten; legs still being cancelled are kept so
   * that a late answer of theirs is hung up.
   */
  void unsettle() {
    if (!over && connected == null) {
      settled = false;
      legs.values().removeIf(Leg::finished);
    }
  }

  boolean over() {
    return over;
  }

  /** Marks the call over and cancels its pending timer. */
  void end() {
    settled = true;
    over = true;
    replaceTimer(null);
    menu = null;
    if (queueWait != null) {
      queueWait.tick(null);
      queueWait = null;
    }
    if (callerMedia != null) {
      callerMedia.close();
    }
  }

  /** Keeps the call's one pending timer (ring time, then maximum duration), cancelling the previous one. */
  void replaceTimer(Future<?> next) {
    if (timer != null) {
      timer.cancel(false);
    }
    timer = next;
  }
}
