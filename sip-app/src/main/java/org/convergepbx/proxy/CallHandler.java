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
 */
public final class CallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);

  private final DigestAuthenticator authenticator;
  private final CallRouter router;
  private final SipFactory sipFactory;
  private final CallsIndex calls;
  private final Clock clock;
  private final int ringTimeoutSeconds;

  public CallHandler(
      DigestAuthenticator authenticator,
      CallRouter router,
      SipFactory sipFactory,
      CallsIndex calls,
      Clock clock,
      int ringTimeoutSeconds) {
    this.authenticator = authenticator;
    this.router = router;
    this.sipFactory = sipFactory;
    this.calls = calls;
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
    if (decision instanceof CallDecision.Reject r) {
      LOG.info("Call {} -> {} refused: {} {}", caller, dialled.getUser(), r.status(), r.reason());
      SipResponses.send(req, r.status(), r.reason());
    } else {
      fork(req, caller, (CallDecision.RingContacts) decision);
    }
  }

  /** Tracks answers and ends of the calls this server proxies. */
  public void onResponse(SipServletResponse resp) {
    if (!"INVITE".equals(resp.getMethod()) || resp.getStatus() < 200) {
      return;
    }
    CallState state = stateOf(resp.getApplicationSession().getAttribute(CallState.ATTRIBUTE));
    if (state == null) {
      return;
    }
    if (resp.getStatus() < 300) {
      state.answered(clock.instant());
      LOG.info("Call {} -> {} answered", state.caller(), state.callee());
    } else if (state.answeredAt() == null) {
      state.ended(clock.instant());
      calls.remove(state.callId());
      LOG.info("Call {} -> {} failed: {}", state.caller(), state.callee(), resp.getStatus());
    }
  }

  /** A BYE passing through ends the call. */
  public void onBye(SipServletRequest bye) {
    CallState state = stateOf(bye.getApplicationSession().getAttribute(CallState.ATTRIBUTE));
    if (state != null) {
      state.ended(clock.instant());
      calls.remove(state.callId());
      LOG.info("Call {} -> {} ended", state.caller(), state.callee());
    }
  }

  private void fork(SipServletRequest req, String caller, CallDecision.RingContacts ring)
      throws IOException, ServletException {
    List<URI> targets = new ArrayList<>();
    for (String contact : ring.contacts()) {
      targets.add(sipFactory.createURI(contact));
    }
    req.removeHeader("Proxy-Authorization");
    CallState state = new CallState(req.getCallId(), caller, ring.extension(), clock.instant());
    req.getApplicationSession().setAttribute(CallState.ATTRIBUTE, state);
    calls.put(req.getCallId(), req.getApplicationSession().getId());
    Proxy proxy = req.getProxy();
    proxy.setRecordRoute(true);
    proxy.setParallel(true);
    proxy.setSupervised(true);
    proxy.setProxyTimeout(ringTimeoutSeconds);
    proxy.proxyTo(targets);
    LOG.info("Call {} -> {} forked to {} contact(s)", caller, ring.extension(), targets.size());
  }

  private static CallState stateOf(Object attribute) {
    return attribute instanceof CallState s ? s : null;
  }
}
