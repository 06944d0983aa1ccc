package org.convergepbx.call;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.OutboundPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls going out on trunks, for the {@link B2bua}: the route's trunks are rung one after another as the steps
 * of a plan, each leg sent to the number at the peer. A peer that challenges gets the trunk's credentials (once
 * per leg); a peer that answers nothing within {@link #PEER_SILENCE} counts as down. The next trunk is tried
 * after 408, a 5xx or silence; any other refusal ends the call with it (a 486 is the callee's answer, not the
 * trunk's fault).
 */
final class TrunkCalls {
  private static final Logger LOG = LoggerFactory.getLogger(TrunkCalls.class);
  /** How long a peer may stay silent (no provisional response) before its trunk counts as down for the call. */
  static final Duration PEER_SILENCE = Duration.ofSeconds(4);
  /** How long a call rings on a trunk before the caller gets 480 (no failover: the callee is not answering). */
  static final Duration RING_TIME = Duration.ofSeconds(120);

  private final B2bua flow;
  private final SessionScheduler scheduler;
  private final CallEvents events;

  TrunkCalls(B2bua flow, SessionScheduler scheduler, CallEvents events) {
    this.flow = flow;
    this.scheduler = scheduler;
    this.events = events;
  }

  /** The call goes out: one step per trunk of the route, in order. */
  void start(Bridge bridge, CallDecision.Trunks out) {
    List<CallDecision.RingStep> steps = new ArrayList<>();
    for (OutboundPlan.TrunkAttempt attempt : out.attempts()) {
      steps.add(new CallDecision.RingStep(
          List.of(new CallDecision.RingTarget(attempt.trunk(), List.of(attempt.uri()))), RING_TIME));
    }
    CallDecision.Ring plan = new CallDecision.Ring(
        out.number(), "Dial", "SIP/" + out.attempts().get(0).trunk() + "/" + out.number(), "from-internal", "",
        null, steps, null, null, out.hops());
    bridge.trunkCall(out);
    flow.ringPlan(bridge, plan);
  }

  /** The attempt of the trunk a leg goes to. */
  static OutboundPlan.TrunkAttempt attemptOf(Bridge bridge, String trunk) {
    return bridge.trunkCall().attempts().stream().filter(a -> a.trunk().equals(trunk)).findFirst().orElseThrow();
  }

  /** A leg was sent to a trunk: the trunk is the call's (in its record), and the peer must answer in time. */
  void sent(Bridge bridge, Leg leg) {
    events.trunk(bridge.state(), leg.member());
    String sasId = bridge.callerInvite().getApplicationSession().getId();
    scheduler.schedule(sasId, PEER_SILENCE, sas -> {
      Bridge b = Bridge.of(sas);
      if (b == null || b.over() || b.leg(leg.sessionId()) != leg || leg.finished() || leg.cancelWanted()
          || leg.hadProvisional()) {
        return;
      }
      LOG.warn("Trunk {} did not answer within {} s: trying the next trunk", leg.member(), PEER_SILENCE.toSeconds());
      leg.wantCancel();
      leg.finished(408, "Request Timeout (no answer from trunk " + leg.member() + ")");
      if (!b.settled() && b.noLegActive()) {
        flow.stepOver(b, false);
      }
    });
  }

  /**
   * The peer challenged a leg (401/407): the INVITE is sent again with the trunk's credentials, as a new leg
   * in the same session. False (the challenge stands as the leg's failure) without credentials or on a second
   * challenge.
   */
  boolean answerChallenge(Bridge bridge, Leg leg, SipServletResponse challenge) {
    OutboundPlan.TrunkAttempt attempt = attemptOf(bridge, leg.member());
    if (attempt.username() == null || leg.authenticated()) {
      return false;
    }
    try {
      SipServletRequest again = challenge.getSession().createRequest("INVITE");
      again.addAuthHeader(challenge, attempt.username(), attempt.secret());
      SipSends.copyContent(leg.invite(), again);
      again.setRequestURI(leg.invite().getRequestURI());
      again.send();
      Leg retry = new Leg(again, leg.member(), null);
      retry.authenticated(true);
      bridge.add(retry);
      sent(bridge, retry);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Trunk {}: the authenticated INVITE could not be sent: {}", leg.member(), e.toString());
      return false;
    }
  }

  /**
   * Whether the trunk step that just ended without an answer should give way to the next trunk: yes after 408,
   * 5xx or silence from the peer, or if nothing could be sent; no after any other refusal or when the ring time
   * ran out.
   */
  static boolean failsOver(Bridge bridge, boolean timedOut) {
    if (timedOut) {
      return false;
    }
    String trunk = bridge.currentStep().targets().get(0).member();
    int status = 0;
    for (Leg leg : bridge.legs()) {
      if (leg.member().equals(trunk) && leg.finished()) {
        status = leg.finalStatus();
      }
    }
    return status == 0 || status == 408 || (status >= 500 && status < 600);
  }
}
