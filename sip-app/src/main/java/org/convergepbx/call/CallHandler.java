package org.convergepbx.call;

import java.io.IOException;
import java.time.Clock;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.accounting.CallStart;
import org.convergepbx.forwarding.FeatureCode;
import org.convergepbx.security.AuthResult;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a new call (initial INVITE): authenticates the caller (407), asks the {@link CallRouter} where
 * the call goes, and has the {@link B2bua} ring every contact in parallel on legs of its own.
 * Every authenticated attempt that is routed is accounted for: its record is committed before anything rings
 * (a call whose record cannot be written is refused with 503), then answered and closed as the call goes. Only
 * the initial INVITE's outcome counts: a failed re-INVITE of an answered call ends nothing.
 */
public final class CallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);

  private final DigestAuthenticator authenticator;
  private final CallRouter router;
  private final CallsIndex calls;
  private final AccountingService accounting;
  private final CallEvents events;
  private final B2bua b2bua;
  private final FeatureCodeHandler features;
  private final Clock clock;
  private final int ringTimeoutSeconds;

  public CallHandler(
      DigestAuthenticator authenticator,
      CallRouter router,
      CallsIndex calls,
      AccountingService accounting,
      CallEvents events,
      B2bua b2bua,
      FeatureCodeHandler features,
      Clock clock,
      int ringTimeoutSeconds) {
    this.authenticator = authenticator;
    this.router = router;
    this.calls = calls;
    this.accounting = accounting;
    this.events = events;
    this.b2bua = b2bua;
    this.features = features;
    this.clock = clock;
    this.ringTimeoutSeconds = ringTimeoutSeconds;
  }

  public void handle(SipServletRequest req) throws IOException, ServletException {
    AuthResult auth = authenticator.authenticate("INVITE", req.getHeader("Proxy-Authorization"));
    if (auth instanceof AuthResult.Challenge c) {
      SipResponses.sendWithHeader(
          req, 407, "Proxy Authentication Required", "Proxy-Authenticate", c.headerValue());
      return;
    }
    String caller = ((AuthResult.Authenticated) auth).username();
    if (!(req.getFrom().getURI() instanceof SipURI from) || !caller.equals(from.getUser())) {
      SipResponses.send(req, 403, "From does not match the authenticated user");
      return;
    }
    if (req.getMaxForwards() == 0) {
      SipResponses.send(req, 483, "Too Many Hops");
      return;
    }
    URI target = req.getRequestURI();
    if (!(target instanceof SipURI dialled)) {
      SipResponses.send(req, 416, "Unsupported URI Scheme");
      return;
    }
    String number = dialled.getUser();
    if (FeatureCode.looksLikeOne(number)) {
      features.handle(req, caller, number);
      return;
    }
    CallDecision decision = router.route(caller, number);
    if (decision instanceof CallDecision.Ring plan) {
      ring(req, CallStarts.of(req, caller, number, plan.app(), plan.appData(), plan.context(), clock.instant()), plan);
      return;
    }
    if (decision instanceof CallDecision.Voicemail box) {
      CallStart start =
          CallStarts.of(req, caller, number, B2bua.VOICEMAIL_APP, box.extension() + "@default",
              B2bua.VOICEMAIL_CONTEXT, clock.instant());
      CallState state = open(req, start, "VoiceMail/" + box.extension());
      if (state != null) {
        b2bua.voicemail(req, state, box);
      }
      return;
    }
    if (decision instanceof CallDecision.Menu menu) {
      CallStart start =
          CallStarts.of(req, caller, number, B2bua.IVR_APP, menu.ivr(), B2bua.IVR_CONTEXT + menu.ivr(), clock.instant());
      CallState state = open(req, start, "IVR/" + menu.ivr());
      if (state != null) {
        b2bua.menu(req, state, menu);
      }
      return;
    }
    if (decision instanceof CallDecision.Queue queue) {
      CallStart start =
          CallStarts.of(req, caller, number, QueueCalls.QUEUE_APP, queue.queue() + ",t", QueueCalls.QUEUE_CONTEXT,
              clock.instant());
      CallState state = open(req, start, QueueCalls.QUEUE_APP + "/" + queue.queue());
      if (state != null) {
        b2bua.queue(req, state, queue);
      }
      return;
    }
    CallDecision.Reject r = (CallDecision.Reject) decision;
    CallStart start =
        CallStarts.of(
            req, caller, number, "Dial", "SIP/" + number + "," + ringTimeoutSeconds,
            CallRouter.EXTENSION_CONTEXT, clock.instant());
    LOG.info("Call {} -> {} refused: {} {}", caller, number, r.status(), r.reason());
    try {
      accounting.rejected(start, r.status(), r.reason());
    } catch (RuntimeException e) {
      LOG.error("Record of the refused call {} -> {} could not be written", caller, number, e);
    }
    SipResponses.send(req, r.status(), r.reason());
  }

  /**
   * Opens (commits) the call's record and makes the call live; null (after a 503) if the record cannot be
   * written.
   */
  private CallState open(SipServletRequest req, CallStart start, String calleeChannel) throws IOException {
    String recordId;
    try {
      recordId = accounting.open(start, calleeChannel);
    } catch (RuntimeException e) {
      LOG.error("Call {} -> {} refused: its record cannot be written", start.src(), start.dst(), e);
      SipResponses.sendWithHeader(req, 503, "Service Unavailable", "Retry-After", "30");
      return null;
    }
    CallState state = new CallState(req.getCallId(), start.src(), start.dst(), start.at(), recordId);
    req.getApplicationSession().setAttribute(CallState.ATTRIBUTE, state);
    calls.put(req.getCallId(), req.getApplicationSession().getId());
    return state;
  }

  private void ring(SipServletRequest req, CallStart start, CallDecision.Ring plan) throws IOException {
    CallState state = open(req, start, "SIP/" + plan.target());
    if (state == null) {
      return;
    }
    String caller = start.src();
    try {
      b2bua.ring(req, state, plan);
    } catch (RuntimeException e) {
      events.failed(state, 500, "Server Internal Error");
      throw e;
    }
    LOG.info("Call {} -> {} ({}) rings in {} step(s)", caller, plan.target(), plan.app(), plan.steps().size());
  }
}
