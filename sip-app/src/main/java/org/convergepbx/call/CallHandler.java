package org.convergepbx.call;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.accounting.CallStart;
import org.convergepbx.forwarding.FeatureCode;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.convergepbx.security.AuthResult;
import org.convergepbx.security.CallLimit;
import org.convergepbx.security.CallLimits;
import org.convergepbx.security.Defences;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.security.SipsRule;
import org.convergepbx.sip.SipResponses;
import org.convergepbx.trunk.TrunkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a new call (initial INVITE): a call from a trunk peer's address is the trunk's (its DID routed by
 * the inbound routes); any other caller is authenticated (407), as an extension or as a trunk's peer (the
 * trunk's username and secret), whose calls are then the trunk's. A SIPS call must come over TLS and is only sent
 * on over TLS ({@link SipsRule}). It asks the {@link CallRouter} where
 * the call goes, and has the {@link B2bua} ring every contact in parallel on legs of its own.
 * Every authenticated attempt that is routed is accounted for: its record is committed before anything rings
 * (a call whose record cannot be written is refused with 503), then answered and closed as the call goes. Only
 * the initial INVITE's outcome counts: a failed re-INVITE of an answered call ends nothing.
 */
public final class CallHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CallHandler.class);

  /** The dcontext of calls that came on a trunk (FreePBX's). */
  static final String FROM_TRUNK = "from-trunk";

  private final DigestAuthenticator authenticator;
  private final TrunkService trunks;
  private final CallRouter router;
  private final CallsIndex calls;
  private final AccountingService accounting;
  private final CallEvents events;
  private final B2bua b2bua;
  private final FeatureCodeHandler features;
  private final Clock clock;
  private final int ringTimeoutSeconds;
  private final Defences defences;

  public CallHandler(
      DigestAuthenticator authenticator,
      CallRouter router,
      CallsIndex calls,
      AccountingService accounting,
      CallEvents events,
      B2bua b2bua,
      FeatureCodeHandler features,
      Clock clock,
      int ringTimeoutSeconds,
      TrunkService trunks,
      Defences defences) {
    this.trunks = trunks;
    this.defences = defences;
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
    Optional<String> insecure =
        SipsRule.refusal(req.getRequestURI().toString(), java.util.List.of(), req.getTransport());
    if (insecure.isPresent()) {
      LOG.info("Call {} refused: SIPS over {}", req.getCallId(), req.getTransport());
      SipResponses.send(req, SipsRule.REFUSAL_STATUS, insecure.get());
      return;
    }
    Optional<String> trunk = trunks.identify(req.getRemoteAddr(), req.getRemotePort());
    String caller;
    if (trunk.isPresent()) {
      caller = fromUser(req);
    } else {
      AuthResult auth = authenticator.authenticate("INVITE", req.getHeader("Proxy-Authorization"), req.getRemoteAddr());
      if (auth instanceof AuthResult.Challenge c) {
        SipResponses.sendChallenge(
            req, 407, "Proxy Authentication Required", "Proxy-Authenticate", c.headerValues());
        return;
      }
      caller = ((AuthResult.Authenticated) auth).username();
      trunk = trunks.byUsername(caller);
      if (trunk.isPresent()) {
        caller = fromUser(req);
      } else if (!(req.getFrom().getURI() instanceof SipURI from) || !caller.equals(from.getUser())) {
        SipResponses.send(req, 403, "From does not match the authenticated user");
        return;
      }
    }
    if (trunk.isPresent() && trunks.full(trunk.get())) {
      LOG.info("Call from trunk {} refused: the trunk carries its maximum of calls", trunk.get());
      SipResponses.sendWithHeader(req, 503, "Service Unavailable", "Retry-After", "5");
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
    if (trunk.isEmpty() && FeatureCode.looksLikeOne(number)) {
      features.handle(req, caller, number);
      return;
    }
    CallDecision decision = trunk.isPresent() ? router.inbound(caller, number) : router.route(caller, number);
    Origin origin = new Origin(caller, number, trunk.orElse(null));
    carryOut(req, origin, withinLimits(req.getCallId(), origin, decision));
  }

  /**
   * The decision, or a 403 if carrying it out would break a toll-fraud limit: the calling extension's (calls at
   * once, calls per minute) or the outbound route's. An admitted call holds its places until it ends.
   */
  private CallDecision withinLimits(String callId, Origin o, CallDecision decision) {
    if (decision instanceof CallDecision.Reject) {
      return decision;
    }
    List<CallLimit> limits = new ArrayList<>();
    if (o.trunk() == null) {
      limits.add(defences.extensionLimit(o.caller()));
    }
    if (decision instanceof CallDecision.Trunks t) {
      limits.add(t.limit());
    }
    Optional<CallLimits.Trip> trip = defences.limits().admit(callId, limits);
    if (trip.isEmpty()) {
      return decision;
    }
    LOG.warn("Call {} -> {} refused: {}", o.caller(), o.dialled(), trip.get().reason());
    defences.metrics().limitTripped(trip.get().limit().key().startsWith("route:") ? "route" : "extension");
    return new CallDecision.Reject(403, "Call Limit Reached");
  }

  /** The caller of a call that came on a trunk: the From user. */
  private static String fromUser(SipServletRequest req) {
    return req.getFrom().getURI() instanceof SipURI from && from.getUser() != null ? from.getUser() : "anonymous";
  }

  /** Who called what: the caller, the number dialled (a DID on a trunk), and the trunk it came on (or null). */
  private record Origin(String caller, String dialled, String trunk) {
    String context(String internal) {
      return trunk == null ? internal : FROM_TRUNK;
    }
  }

  private void carryOut(SipServletRequest req, Origin o, CallDecision decision) throws IOException {
    String caller = o.caller();
    String number = o.dialled();
    if (decision instanceof CallDecision.Ring plan) {
      ring(req, o, CallStarts.of(req, caller, number, plan.app(), plan.appData(), o.context(plan.context()),
          clock.instant()), plan);
      return;
    }
    if (decision instanceof CallDecision.Voicemail box) {
      CallStart start =
          CallStarts.of(req, caller, number, B2bua.VOICEMAIL_APP, box.extension() + "@default",
              o.context(B2bua.VOICEMAIL_CONTEXT), clock.instant());
      CallState state = open(req, start, "VoiceMail/" + box.extension(), o.trunk());
      if (state != null) {
        b2bua.voicemail(req, state, box);
      }
      return;
    }
    if (decision instanceof CallDecision.Menu menu) {
      CallStart start = CallStarts.of(req, caller, number, B2bua.IVR_APP, menu.ivr(),
          o.context(B2bua.IVR_CONTEXT + menu.ivr()), clock.instant());
      CallState state = open(req, start, "IVR/" + menu.ivr(), o.trunk());
      if (state != null) {
        b2bua.menu(req, state, menu);
      }
      return;
    }
    if (decision instanceof CallDecision.Queue queue) {
      CallStart start =
          CallStarts.of(req, caller, number, QueueCalls.QUEUE_APP, queue.queue() + ",t",
              o.context(QueueCalls.QUEUE_CONTEXT), clock.instant());
      CallState state = open(req, start, QueueCalls.QUEUE_APP + "/" + queue.queue(), o.trunk());
      if (state != null) {
        b2bua.queue(req, state, queue);
      }
      return;
    }
    if (decision instanceof CallDecision.Trunks out) {
      CallStart start = CallStarts.of(req, caller, number, "Dial",
          "SIP/" + out.attempts().get(0).trunk() + "/" + out.number(), o.context(CallRouter.EXTENSION_CONTEXT),
          clock.instant());
      CallState state = open(req, start, "SIP/" + out.attempts().get(0).trunk(), o.trunk());
      if (state != null) {
        b2bua.trunks(req, state, out);
        LOG.info("Call {} -> {} goes out on route {}: {}", caller, number, out.route(),
            out.attempts().stream().map(a -> a.trunk()).toList());
      }
      return;
    }
    CallDecision.Reject r = (CallDecision.Reject) decision;
    CallStart start =
        CallStarts.of(
            req, caller, number, "Dial", "SIP/" + number + "," + ringTimeoutSeconds,
            o.context(CallRouter.EXTENSION_CONTEXT), clock.instant());
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
   * written. A call that came on a trunk has the trunk in its record.
   */
  private CallState open(SipServletRequest req, CallStart start, String calleeChannel, String trunk)
      throws IOException {
    String recordId;
    try {
      recordId = accounting.open(start, calleeChannel);
      if (trunk != null) {
        accounting.cameIn(recordId, trunk);
      }
    } catch (RuntimeException e) {
      LOG.error("Call {} -> {} refused: its record cannot be written", start.src(), start.dst(), e);
      defences.limits().release(req.getCallId());
      SipResponses.sendWithHeader(req, 503, "Service Unavailable", "Retry-After", "30");
      return null;
    }
    CallState state = new CallState(req.getCallId(), start.src(), start.dst(), start.at(), recordId);
    if (trunk != null) {
      events.trunk(state, trunk);
    }
    req.getApplicationSession().setAttribute(CallState.ATTRIBUTE, state);
    calls.put(req.getCallId(), req.getApplicationSession().getId());
    return state;
  }

  private void ring(SipServletRequest req, Origin o, CallStart start, CallDecision.Ring plan) throws IOException {
    CallState state = open(req, start, "SIP/" + plan.target(), o.trunk());
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
