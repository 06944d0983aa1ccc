package org.convergepbx.proxy;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ServletException;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.accounting.CallStart;
import org.convergepbx.security.AuthResult;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a new call (initial INVITE): authenticates the caller (407), asks the {@link CallRouter} where
 * the call goes, and forks it in parallel to every contact, record-routing so in-dialog requests pass here.
 * Every authenticated attempt that is routed is accounted for: its record is committed before anything rings
 * (a call whose record cannot be written is refused with 503), then answered and closed as the call goes. Only
 * the initial INVITE's outcome counts: a failed re-INVITE of an answered call ends nothing.
 */
public final class CallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);

  private final DigestAuthenticator authenticator;
  private final CallRouter router;
  private final SipFactory sipFactory;
  private final CallsIndex calls;
  private final AccountingService accounting;
  private final Clock clock;
  private final int ringTimeoutSeconds;

  public CallHandler(
      DigestAuthenticator authenticator,
      CallRouter router,
      SipFactory sipFactory,
      CallsIndex calls,
      AccountingService accounting,
      Clock clock,
      int ringTimeoutSeconds) {
    this.authenticator = authenticator;
    this.router = router;
    this.sipFactory = sipFactory;
    this.calls = calls;
    this.accounting = accounting;
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
    URI target = req.getRequestURI();
    if (!(target instanceof SipURI dialled)) {
      SipResponses.send(req, 416, "Unsupported URI Scheme");
      return;
    }
    CallDecision decision = router.route(dialled.getUser());
    CallStart start =
        CallStarts.of(req, caller, dialled.getUser(), ringTimeoutSeconds, clock.instant());
    if (decision instanceof CallDecision.Reject r) {
      LOG.info("Call {} -> {} refused: {} {}", caller, dialled.getUser(), r.status(), r.reason());
      try {
        accounting.rejected(start, r.status(), r.reason());
      } catch (RuntimeException e) {
        LOG.error("Record of the refused call {} -> {} could not be written", caller, dialled.getUser(), e);
      }
      SipResponses.send(req, r.status(), r.reason());
    } else {
      fork(req, start, (CallDecision.RingContacts) decision);
    }
  }

  /**
   * Tracks answers and ends of the calls this server proxies. A failed branch of a forked call (a branch
   * response) ends nothing: only the best final response, the one the caller gets, does.
   */
  public void onResponse(SipServletResponse resp) {
    if (!"INVITE".equals(resp.getMethod()) || resp.getStatus() < 200 || resp.isBranchResponse()) {
      return;
    }
    CallState state = stateOf(resp.getApplicationSession().getAttribute(CallState.ATTRIBUTE));
    if (state == null) {
      return;
    }
    if (resp.getStatus() < 300) {
      if (state.answered(clock.instant())) {
        String channel = "SIP/" + state.callee() + "-" + state.recordId().substring(0, 8);
        recordSafely(state, () -> accounting.answered(state.recordId(), channel));
        LOG.info("Call {} -> {} answered", state.caller(), state.callee());
      }
    } else if (state.answeredAt() == null && state.ended(clock.instant())) {
      calls.remove(state.callId());
      recordSafely(state, () -> accounting.ended(state.recordId(), resp.getStatus(), resp.getReasonPhrase()));
      LOG.info("Call {} -> {} failed: {}", state.caller(), state.callee(), resp.getStatus());
    }
  }

  /** A BYE passing through ends the call. */
  public void onBye(SipServletRequest bye) {
    CallState state = stateOf(bye.getApplicationSession().getAttribute(CallState.ATTRIBUTE));
    if (state != null && state.ended(clock.instant())) {
      calls.remove(state.callId());
      recordSafely(state, () -> accounting.hungUp(state.recordId(), state.answeredAt()));
      LOG.info("Call {} -> {} ended", state.caller(), state.callee());
    }
  }

  /**
   * Updates a call's record without ever disturbing the call: if the database fails now, the record stays
   * open with its last-seen time and is closed by the reconciliation or the maximum duration.
   */
  private static void recordSafely(CallState state, Runnable update) {
    try {
      update.run();
    } catch (RuntimeException e) {
      LOG.error("Call record {} could not be updated; it stays open until reconciled", state.recordId(), e);
    }
  }

  private void fork(SipServletRequest req, CallStart start, CallDecision.RingContacts ring)
      throws IOException, ServletException {
    List<URI> targets = new ArrayList<>();
    for (String contact : ring.contacts()) {
      targets.add(sipFactory.createURI(contact));
    }
    String recordId;
    try {
      recordId = accounting.open(start, "SIP/" + ring.extension());
    } catch (RuntimeException e) {
      LOG.error("Call {} -> {} refused: its record cannot be written", start.src(), start.dst(), e);
      SipResponses.sendWithHeader(req, 503, "Service Unavailable", "Retry-After", "30");
      return;
    }
    req.removeHeader("Proxy-Authorization");
    String caller = start.src();
    CallState state = new CallState(req.getCallId(), caller, ring.extension(), start.at(), recordId);
    req.getApplicationSession().setAttribute(CallState.ATTRIBUTE, state);
    calls.put(req.getCallId(), req.getApplicationSession().getId());
    try {
      Proxy proxy = req.getProxy();
      proxy.setRecordRoute(true);
      proxy.setParallel(true);
      proxy.setSupervised(true);
      proxy.setProxyTimeout(ringTimeoutSeconds);
      proxy.proxyTo(targets);
    } catch (RuntimeException e) {
      state.ended(clock.instant());
      calls.remove(req.getCallId());
      recordSafely(state, () -> accounting.ended(recordId, 500, "Server Internal Error"));
      throw e;
    }
    LOG.info("Call {} -> {} forked to {} contact(s)", caller, ring.extension(), targets.size());
  }

  private static CallState stateOf(Object attribute) {
    return attribute instanceof CallState s ? s : null;
  }
}
