package org.convergepbx.call;

import static org.convergepbx.call.SipSends.sendBye;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.servlet.sip.SipApplicationSession;
import org.convergepbx.media.Prompts;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.voicemail.VoicemailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callers leaving a message, for the {@link B2bua}: the server answers, plays the mailbox's greeting (or the
 * built-in one) and the beep, records until the caller hangs up, presses # or reaches the maximum length, and
 * hands the message to the voicemail service (stored, e-mailed).
 */
final class VoicemailCalls {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailCalls.class);
  static final String BY_HASH = "caller (#)";
  static final String BY_MAXIMUM_MESSAGE = "maximum message length";

  private final B2bua flow;
  private final SessionScheduler scheduler;
  private final MediaSettings media;
  private final CallEvents events;

  VoicemailCalls(B2bua flow, SessionScheduler scheduler, MediaSettings media, CallEvents events) {
    this.flow = flow;
    this.scheduler = scheduler;
    this.media = media;
    this.events = events;
  }

  /**
   * The caller leaves a message: the server answers with its own media (488 if the caller offers no G.711
   * audio, 503 if no RTP port is free) and the greeting starts on the ACK; a caller the server has answered
   * already (an IVR, a queue) hears it at once.
   */
  void start(Bridge bridge, CallDecision.Voicemail box) {
    boolean answered = bridge.callerAnswered();
    if (!answered && !flow.answerCaller(bridge, "VoiceMail/" + box.extension())) {
      return;
    }
    byte[] greeting = media.voicemail().greetingAudio(box.extension())
        .orElseGet(() -> Prompts.join(Prompts.get(Prompts.UNAVAILABLE), Prompts.get(Prompts.LEAVE_MESSAGE)));
    bridge.voicemail(
        new VoicemailLeg(box.extension(), bridge.state().caller(), bridge.callerMedia(), greeting, media.maxSeconds()));
    bridge.state().media("VoiceMail/" + box.extension());
    String sasId = sasId(bridge);
    bridge.replaceTimer(
        scheduler.schedule(sasId, Duration.ofSeconds(media.maxSeconds() + 2L), s -> end(s, BY_MAXIMUM_MESSAGE)));
    LOG.info("Call {} -> voicemail {}", bridge.state().caller(), box.extension());
    if (answered) {
      startRecording(bridge);
    }
  }

  /** The greeting, then the beep, then the recording start (on the caller's ACK, or at once). */
  void startRecording(Bridge bridge) {
    String sasId = sasId(bridge);
    bridge.voicemail().start(
        () -> scheduler.schedule(sasId, Duration.ZERO, sas -> end(sas, BY_HASH)), Instant.now());
  }

  /** The server ends a message (# pressed, maximum length): BYE to the caller, then the message is kept. */
  private void end(SipApplicationSession sas, String by) {
    Bridge bridge = Bridge.of(sas);
    if (bridge == null || bridge.over() || bridge.voicemail() == null) {
      return;
    }
    sendBye(bridge.callerSession());
    finish(bridge, by);
  }

  /** The message is over (hung up by {@code by}): the call ends and the recording goes to the mailbox. */
  void finish(Bridge bridge, String by) {
    bridge.end();
    events.hungUp(bridge.state(), by);
    VoicemailLeg leg = bridge.voicemail();
    String name = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC).format(Instant.now())
        + "-" + bridge.state().recordId().substring(0, 8);
    VoicemailMessage message = leg.finish(media.voicemail().newMessageFile(leg.mailbox(), name));
    if (message != null) {
      media.voicemail().deposited(message);
    }
  }

  private static String sasId(Bridge bridge) {
    return bridge.callerInvite().getApplicationSession().getId();
  }
}
