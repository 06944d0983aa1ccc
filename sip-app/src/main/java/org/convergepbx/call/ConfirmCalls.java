package org.convergepbx.call;

import static org.convergepbx.call.SipSends.copyContent;
import static org.convergepbx.call.SipSends.dropLateAnswer;
import static org.convergepbx.call.SipSends.sendBye;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.MediaChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow Me's confirm-call legs, for the {@link B2bua}: such a leg is called with the server's media; once
 * answered its answerer is asked to press 1 (see {@link Confirmation}); an accepted leg is re-INVITEd with the
 * caller's SDP and its 2xx connects the call; a declined one is hung up and the others keep ringing.
 */
final class ConfirmCalls {
  private static final Logger LOG = LoggerFactory.getLogger(ConfirmCalls.class);

  private final B2bua flow;
  private final SessionScheduler scheduler;
  private final MediaSettings media;

  ConfirmCalls(B2bua flow, SessionScheduler scheduler, MediaSettings media) {
    this.flow = flow;
    this.scheduler = scheduler;
    this.media = media;
  }

  /** The media of a confirm-call leg, or null (logged) if no RTP port is free. */
  Confirmation openConfirmation(SipServletRequest in) {
    try {
      return new Confirmation(MediaChannel.open(in.getLocalAddr(), media.portMin(), media.portMax(), media.clock()));
    } catch (UncheckedIOException e) {
      LOG.error("A confirm-call leg could not be started: {}", e.getMessage());
      return null;
    }
  }

  /**
   * A confirm-call leg answered: it is acknowledged and its answerer asked to press 1, while the caller keeps
   * hearing ringing. Too late (the call is settled, the leg lost): acknowledged and hung up.
   */
  void confirmAnswer(Bridge bridge, Leg leg, SipServletResponse ok) {
    if (bridge.settled() || leg.cancelWanted()) {
      leg.confirmation().close();
      dropLateAnswer(leg, ok);
      return;
    }
    leg.confirming(true);
    try {
      ok.createAck().send();
      AudioOffer answer = AudioOffer.parse(new String(ok.getRawContent(), StandardCharsets.UTF_8));
      String sasId = ok.getApplicationSession().getId();
      String legId = leg.sessionId();
      leg.confirmation().start(
          answer, accepted -> scheduler.schedule(sasId, Duration.ZERO, s -> confirmed(s, legId, accepted)));
      LOG.info("Call {}: {} answered, asked to confirm", bridge.state().caller(), leg.member());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Confirm-call leg to {} could not start its prompt: {}", leg.member(), e.toString());
      sendBye(leg.invite().getSession());
      confirmingLegGone(bridge, leg);
    }
  }

  /** The answerer of a confirm-call leg pressed 1 (accepted) or declined, or let the prompt time out. */
  void confirmed(SipApplicationSession sas, String legId, boolean accepted) {
    Bridge bridge = Bridge.of(sas);
    Leg leg = bridge == null ? null : bridge.leg(legId);
    if (leg == null || !leg.confirming() || leg.cancelWanted() || leg.finished()) {
      return;
    }
    if (!accepted || bridge.over()) {
      LOG.info("Call {}: {} did not accept", bridge.state().caller(), leg.member());
      sendBye(leg.invite().getSession());
      confirmingLegGone(bridge, leg);
      return;
    }
    if (bridge.settled()) {
      flow.cancel(leg);
      return;
    }
    accept(bridge, leg);
  }

  /**
   * Puts an accepted leg through: the call is settled on it (the other legs lose) and the leg is re-INVITEd
   * with the caller's SDP offer; its 2xx answers the caller.
   */
  void accept(Bridge bridge, Leg leg) {
    bridge.settle();
    bridge.legs().stream().filter(l -> l != leg).forEach(flow::cancel);
    leg.confirmation().close();
    try {
      SipServletRequest reinvite = leg.invite().getSession().createRequest("INVITE");
      if (!bridge.callerAnswered()) {
        copyContent(bridge.callerInvite(), reinvite);
      }
      leg.accepting(reinvite);
      reinvite.send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("The accepted leg to {} could not be re-INVITEd: {}", leg.member(), e.toString());
      sendBye(leg.invite().getSession());
      leg.finished(500, "Server Internal Error");
      flow.fail(bridge, new FinalAnswer(480, "Temporarily Unavailable"));
    }
  }

  /** The answer to the re-INVITE of an accepted leg: its 2xx connects the caller to it. */
  void onAcceptedLeg(Bridge bridge, Leg leg, SipServletResponse resp) {
    int status = resp.getStatus();
    if (status < 200) {
      return;
    }
    if (status >= 300) {
      sendBye(leg.invite().getSession());
      leg.finished(status, resp.getReasonPhrase());
      if (!bridge.over()) {
        flow.fail(bridge, new FinalAnswer(480, "Temporarily Unavailable"));
      }
      return;
    }
    if (leg == bridge.connected()) {
      return;
    }
    if (bridge.callerAnswered() && !bridge.over() && !leg.cancelWanted()) {
      flow.connect(bridge, leg, resp);
      return;
    }
    try {
      resp.createAck().send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("The accepted leg's 2xx could not be acknowledged: {}", e.toString());
    }
    if (bridge.over() || leg.cancelWanted() || bridge.connected() != null) {
      sendBye(leg.invite().getSession());
      return;
    }
    flow.connect(bridge, leg, resp);
  }

  /**
   * A confirm-call leg ended before being put through (declined, hung up, no usable media): it is out of the
   * running; an accepted one that goes leaves the caller unanswered (480). The last leg out ends the step.
   */
  void confirmingLegGone(Bridge bridge, Leg leg) {
    leg.confirmation().close();
    boolean wasAccepted = bridge.settled() && !leg.cancelWanted() && bridge.connected() == null;
    leg.finished(480, "Not Confirmed");
    if (bridge.over()) {
      return;
    }
    if (wasAccepted && bridge.noLegActive()) {
      flow.fail(bridge, new FinalAnswer(480, "Temporarily Unavailable"));
    } else if (!bridge.settled() && bridge.noLegActive()) {
      flow.stepOver(bridge, bridge.ringTimeIsOver());
    }
  }

  /** A confirming leg that lost: its answerer hears that it is too late, then the leg is hung up. */
  void dismiss(Leg leg) {
    String sasId = leg.invite().getApplicationSession().getId();
    leg.confirmation()
        .tooLate()
        .whenComplete((v, e) -> scheduler.schedule(sasId, Duration.ZERO, s -> hangUpDismissed(leg)));
  }

  static void hangUpDismissed(Leg leg) {
    leg.confirmation().close();
    if (!leg.finished()) {
      leg.finished(487, "Request Terminated");
      sendBye(leg.invite().getSession());
    }
  }
}
