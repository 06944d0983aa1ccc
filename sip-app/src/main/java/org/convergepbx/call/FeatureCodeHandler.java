package org.convergepbx.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.daynight.DayNightService;
import org.convergepbx.daynight.ToggleCode;
import org.convergepbx.daynight.Mode;
import org.convergepbx.forwarding.FeatureCode;
import org.convergepbx.media.Prompts;
import org.convergepbx.queue.AgentCode;
import org.convergepbx.queue.QueueService;
import org.convergepbx.common.ConflictException;
import org.convergepbx.forwarding.ForwardingService;
import org.convergepbx.sip.Sdp;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature codes dialled by an authenticated extension: {@code *72N}, {@code *78}, ... change the caller's own
 * extension, {@code *28n} toggles Day/Night control n, {@code *45N} / {@code *46} log a queue agent in or out and
 * pause it. The call is answered and the result said ("Activated.",
 * "Night mode."), then hung up; a caller that offers no G.711 audio gets the 200 with every stream declined and
 * the BYE right after its ACK. An unknown or
 * incomplete code gets 484, a target that is no extension 404, a wrong Day/Night PIN 403. Each attempt leaves
 * a call record ({@code lastapp} FeatureCode).
 */
public final class FeatureCodeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureCodeHandler.class);
  /** Marks a session answered only to be hung up. */
  static final String HANG_UP_ON_ACK = "org.convergepbx.feature.hangup";
  static final String CONTEXT = "app-featurecodes";
  /** Dialled to listen to one's own voicemail (FreePBX's "My Voicemail"). */
  public static final String MY_VOICEMAIL = "*97";

  private final ForwardingService forwarding;
  private final DayNightService dayNight;
  private final AccountingService accounting;
  private final Clock clock;
  private final Announcer announcer;
  private final MailboxCall mailbox;
  private final QueueService queues;

  public FeatureCodeHandler(
      ForwardingService forwarding,
      DayNightService dayNight,
      AccountingService accounting,
      Clock clock,
      SessionScheduler scheduler,
      MediaSettings media) {
    this.queues = media.queues().service();
    this.forwarding = forwarding;
    this.dayNight = dayNight;
    this.accounting = accounting;
    this.clock = clock;
    this.announcer = new Announcer(scheduler, media);
    this.mailbox = new MailboxCall(scheduler, media);
  }

  /** Carries out the code the authenticated {@code caller} dialled. */
  public void handle(SipServletRequest invite, String caller, String dialled) throws IOException {
    if (MY_VOICEMAIL.equals(dialled)) {
      listen(invite, caller, dialled);
      return;
    }
    if (ToggleCode.looksLikeOne(dialled)) {
      toggleDayNight(invite, caller, dialled);
      return;
    }
    if (AgentCode.looksLikeOne(dialled)) {
      agent(invite, caller, dialled);
      return;
    }
    Optional<FeatureCode> code = FeatureCode.parse(dialled);
    if (code.isEmpty()) {
      finish(invite, caller, dialled, 484, "Address Incomplete");
      return;
    }
    try {
      forwarding.apply(caller, code.get());
    } catch (InvalidInputException e) {
      finish(invite, caller, dialled, 404, "Not Found");
      return;
    }
    LOG.info("Extension {} dialled {}: {}", caller, dialled, code.get().kind());
    confirm(invite, caller, dialled, Prompts.get(code.get().kind().turnsOn() ? Prompts.ACTIVATED : Prompts.DEACTIVATED));
  }

  /** {@code *28n}: toggles Day/Night control n (403 for a missing or wrong PIN, 404 for no such control). */
  private void toggleDayNight(SipServletRequest invite, String caller, String dialled) throws IOException {
    Optional<ToggleCode> code = ToggleCode.parse(dialled);
    if (code.isEmpty()) {
      finish(invite, caller, dialled, 484, "Address Incomplete");
      return;
    }
    byte[] said;
    try {
      DayNightService.State now = dayNight.toggle(code.get().index(), code.get().pin());
      LOG.info("Extension {} toggled Day/Night control {} to {}", caller, code.get().index(), now.mode().label());
      said = Prompts.get(now.mode() == Mode.DAY ? Prompts.DAY_MODE : Prompts.NIGHT_MODE);
    } catch (NotFoundException e) {
      finish(invite, caller, dialled, 404, "Not Found");
      return;
    } catch (SecurityException e) {
      finish(invite, caller, dialled, 403, "Forbidden");
      return;
    }
    confirm(invite, caller, dialled, said);
  }

  /** Answers the code's call and says the result, or (no audio) declines every stream; the BYE follows. */
  private void confirm(SipServletRequest invite, String caller, String dialled, byte[] said) throws IOException {
    record(invite, caller, dialled, 200, "OK");
    if (announcer.answer(invite, said)) {
      return;
    }
    SipServletResponse ok = invite.createResponse(200, "OK");
    String offer = invite.getContentLength() > 0 ? new String(invite.getRawContent(), StandardCharsets.UTF_8) : null;
    ok.setContent(Sdp.declineAll(offer, invite.getLocalAddr()), "application/sdp");
    invite.getSession().setAttribute(HANG_UP_ON_ACK, Boolean.TRUE);
    ok.send();
  }

  /**
   * {@code *45N} / {@code *46[N]}: logs the caller in or out of queue N, or pauses / unpauses it; 404 for no
   * such queue (or a member of none), 403 for a static member logging out.
   */
  private void agent(SipServletRequest invite, String caller, String dialled) throws IOException {
    Optional<AgentCode> code = AgentCode.parse(dialled);
    if (code.isEmpty()) {
      finish(invite, caller, dialled, 484, "Address Incomplete");
      return;
    }
    String said;
    try {
      if (code.get().login()) {
        boolean in = queues.toggleLogin(code.get().queue(), caller);
        said = in ? Prompts.AGENT_LOGGED_IN : Prompts.AGENT_LOGGED_OUT;
      } else {
        boolean paused = queues.togglePause(caller, code.get().queue());
        said = paused ? Prompts.AGENT_PAUSED : Prompts.AGENT_UNPAUSED;
      }
    } catch (NotFoundException | InvalidInputException e) {
      finish(invite, caller, dialled, 404, "Not Found");
      return;
    } catch (ConflictException e) {
      finish(invite, caller, dialled, 403, "Forbidden");
      return;
    }
    LOG.info("Extension {} dialled {}: {}", caller, dialled, said);
    confirm(invite, caller, dialled, Prompts.get(said));
  }

  /** {@code *97}: the caller's own mailbox, by PIN (488 if the phone offers no G.711 audio). */
  private void listen(SipServletRequest invite, String caller, String dialled) throws IOException {
    if (!mailbox.answer(invite, caller)) {
      finish(invite, caller, dialled, 488, "Not Acceptable Here");
      return;
    }
    LOG.info("Extension {} listens to its mailbox", caller);
    record(invite, caller, dialled, 200, "OK");
  }

  /** A BYE of a {@code *97} call (answered here); false for any other BYE. */
  public boolean onBye(SipServletRequest bye) throws IOException {
    return mailbox.onBye(bye);
  }

  /** A SIP INFO of a {@code *97} call (a key); false for any other request. */
  public boolean onInfo(SipServletRequest info) throws IOException {
    return "INFO".equals(info.getMethod()) && mailbox.onInfo(info);
  }

  /** The ACK of a feature code's 200: the server hangs up. Returns false for any other ACK. */
  public boolean onAck(SipServletRequest ack) throws IOException {
    if (mailbox.onAck(ack) || announcer.onAck(ack)) {
      return true;
    }
    if (ack.getSession().getAttribute(HANG_UP_ON_ACK) == null) {
      return false;
    }
    ack.getSession().removeAttribute(HANG_UP_ON_ACK);
    ack.getSession().createRequest("BYE").send();
    return true;
  }

  private void finish(SipServletRequest invite, String caller, String dialled, int status, String reason)
      throws IOException {
    LOG.info("Extension {} dialled {}: refused {} {}", caller, dialled, status, reason);
    record(invite, caller, dialled, status, reason);
    SipResponses.send(invite, status, reason);
  }

  private void record(SipServletRequest invite, String caller, String dialled, int status, String reason) {
    try {
      boolean mailboxCall = MY_VOICEMAIL.equals(dialled);
      accounting.rejected(
          CallStarts.of(invite, caller, dialled, mailboxCall ? "VoiceMailMain" : "FeatureCode", dialled,
              mailboxCall ? "app-vmmain" : CONTEXT, clock.instant()),
          status, reason);
    } catch (RuntimeException e) {
      LOG.error("Record of feature code {} by {} could not be written", dialled, caller, e);
    }
  }
}
