package org.convergepbx.sip;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.app.PbxApplication;
import org.convergepbx.common.InvalidInputException;
import java.time.Duration;
import org.convergepbx.call.B2bua;
import org.convergepbx.call.CallAccounting;
import org.convergepbx.call.CallControl;
import org.convergepbx.call.CallEvents;
import org.convergepbx.call.CallHandler;
import org.convergepbx.call.CallState;
import org.convergepbx.call.FeatureCodeHandler;
import org.convergepbx.call.QueueSupport;
import org.convergepbx.registrar.Binding;
import java.util.List;
import org.convergepbx.call.MediaSettings;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.call.SessionScheduler;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.convergepbx.registrar.RegisterHandler;
import org.convergepbx.security.Defences;
import org.convergepbx.security.SourceGate;
import org.convergepbx.config.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The application's only SIP servlet: it puts the Call-ID in the logging context and dispatches each initial
 * request by method, and each request of a call under way to the {@link B2bua}; the handlers and services
 * decide. Before that, the {@link Defences} drop requests from banned or flooding sources and from known
 * scanners (no answer; the launcher's SIP stack already drops them before keeping any state, see
 * {@link SourceGate}), and answer a new INVITE or REGISTER with 503 while the node is overloaded. No exception escapes: invalid input is
 * answered 400 with a reason naming the header, anything unexpected 500.
 */
public class PbxSipServlet extends SipServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(PbxSipServlet.class);
  /** The logging context key of the Call-ID. */
  static final String MDC_CALL_ID = "callId";

  private transient RegisterHandler registerHandler;
  private transient CallHandler callHandler;
  private transient B2bua b2bua;
  private transient FeatureCodeHandler features;
  private transient TrunkProber prober;
  private transient TrunkRegistrar registrar;
  private transient Defences defences;
  /** True when the SIP stack's valve already asked the source gate (then this servlet does not ask again). */
  private transient boolean gateInStack;
  private final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public void init() throws ServletException {
    PbxApplication app = PbxApplication.from(getServletContext());
    defences = app.defences();
    defences.gate().publish();
    gateInStack = SourceGate.valveInstalled();
    SipFactory factory = (SipFactory) getServletContext().getAttribute(SIP_FACTORY);
    registerHandler =
        new RegisterHandler(app.authenticator(), app.registrar(), factory, app.clock());
    // the call limits first: a call's places are free before its record is closed (and as soon as can be)
    CallEvents events =
        callLimits(app)
            .andThen(new CallAccounting(app.accounting(), app.calls(), app.clock()))
            .andThen(ringGroupActivity(app))
            .andThen(app.linesInUse())
            .andThen(trunkChannels(app));
    SessionScheduler scheduler =
        new ContainerSessionScheduler(
            (SipSessionsUtilExt) getServletContext().getAttribute(SIP_SESSIONS_UTIL), app.callTimers());
    MediaSettings media =
        new MediaSettings(
            app.voicemail(),
            app.mediaClock(),
            app.settings().positiveInt(Setting.PBX_RTP_PORT_MIN),
            app.settings().positiveInt(Setting.PBX_RTP_PORT_MAX),
            app.settings().positiveInt(Setting.PBX_VOICEMAIL_MAX_SECONDS),
            app.ivrs(),
            app.recordings(),
            app.directDial(),
            new QueueSupport(app.queues(), app.acd(), app.phones(), ext -> contactsOf(app, ext)));
    b2bua =
        new B2bua(
            factory,
            app.router(),
            scheduler,
            events,
            Duration.ofSeconds(app.settings().positiveInt(Setting.PBX_MAX_CALL_DURATION)),
            media,
            app.clock());
    features =
        new FeatureCodeHandler(app.forwarding(), app.dayNight(), app.accounting(), app.clock(), scheduler, media);
    callHandler =
        new CallHandler(
            app.authenticator(),
            app.router(),
            app.calls(),
            app.accounting(),
            events,
            b2bua,
            features,
            app.clock(),
            app.settings().intValue(Setting.PBX_RING_TIMEOUT),
            app.trunks(),
            app.defences());
    app.bindCallControl(new CallControl(app.calls(), scheduler, b2bua));
    prober = new TrunkProber(factory, app.trunks(), app.trunkHealth(), app.clock(), app.settings().domain());
    registrar = new TrunkRegistrar(factory, app.trunks(), app.trunkRegistrations(), app.clock(), contactHostPort());
    app.probeThread().scheduleWithFixedDelay(this::probeTrunks, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  public void destroy() {
    if (defences != null) {
      defences.gate().withdraw();
    }
    super.destroy();
  }

  private static List<String> contactsOf(PbxApplication app, String extension) {
    return app.bindingsOf(extension).stream().map(Binding::contactUri).toList();
  }

  /** Counts the calls each trunk carries (for its maximum channels). */
  private static CallEvents trunkChannels(PbxApplication app) {
    return new CallEvents() {
      @Override
      public void answered(CallState call, CallDecision.Ring plan, String member) {}

      @Override
      public void trunk(CallState call, String trunk) {
        app.trunkChannels().take(call.recordId(), trunk);
      }

      @Override
      public void failed(CallState call, int status, String reason) {
        app.trunkChannels().release(call.recordId());
      }

      @Override
      public void hungUp(CallState call, String by) {
        app.trunkChannels().release(call.recordId());
      }
    };
  }

  /** Frees the places of ended calls under the toll-fraud call limits. */
  private static CallEvents callLimits(PbxApplication app) {
    return new CallEvents() {
      @Override
      public void answered(CallState call, CallDecision.Ring plan, String member) {}

      @Override
      public void failed(CallState call, int status, String reason) {
        app.defences().limits().release(call.callId());
      }

      @Override
      public void hungUp(CallState call, String by) {
        app.defences().limits().release(call.callId());
      }
    };
  }

  /** Tells ring groups who answered their calls (for the leastrecent strategy). */
  private static CallEvents ringGroupActivity(PbxApplication app) {
    return new CallEvents() {
      @Override
      public void answered(CallState call, CallDecision.Ring plan, String member) {
        if (plan != null && plan.ringGroup() != null) {
          app.ringGroups().answered(plan.ringGroup(), member);
        }
      }

      @Override
      public void failed(CallState call, int status, String reason) {}

      @Override
      public void hungUp(CallState call, String by) {}
    };
  }

  @Override
  protected void doRequest(SipServletRequest req) throws ServletException, IOException {
    MDC.put(MDC_CALL_ID, req.getCallId());
    defences.overload().pending(inProgress.incrementAndGet());
    try {
      if (!gateInStack && !defences.gate().test(req.getRemoteAddr(), req.getHeader("User-Agent"))) {
        return;
      } else if (req.isInitial() && !refusedForOverload(req) && !refusedForExtensions(req)) {
        dispatchInitial(req);
      } else if (!req.isInitial()) {
        dispatchInDialog(req);
      }
    } catch (InvalidInputException e) {
      LOG.info("{} refused: {}", req.getMethod(), e.getMessage());
      SipResponses.send(req, 400, e.getMessage());
    } catch (IllegalStateException e) {
      if (SipResponses.undeliverable(e)) {
        LOG.warn("{}: the answer cannot be sent back to {}: {}", req.getMethod(), req.getHeader("Via"),
            e.getCause() == null ? e.getMessage() : e.getCause().toString());
      } else {
        LOG.error("{} failed", req.getMethod(), e);
        sendServerError(req);
      }
    } catch (RuntimeException | ServletException e) {
      LOG.error("{} failed", req.getMethod(), e);
      sendServerError(req);
    } finally {
      inProgress.decrementAndGet();
      MDC.remove(MDC_CALL_ID);
    }
  }

  /**
   * A new INVITE or REGISTER while the node is overloaded or draining gets 503 with Retry-After (true); every
   * other request, and every request within a dialog, is handled whatever the load.
   */
  private boolean refusedForOverload(SipServletRequest req) throws IOException {
    if (!"INVITE".equals(req.getMethod()) && !"REGISTER".equals(req.getMethod())) {
      return false;
    }
    java.util.Optional<String> refusal = defences.overload().refusal();
    if (refusal.isEmpty()) {
      return false;
    }
    LOG.info("{} refused: {}", req.getMethod(), refusal.get());
    defences.metrics().overloadRefused();
    SipResponses.sendWithHeader(req, 503, "Service Unavailable", "Retry-After",
        Integer.toString(defences.overload().retryAfterSeconds()));
    SipResponses.release(req);
    return true;
  }

  /**
   * A new request whose Request-URI is not a SIP or SIPS URI gets 416 Unsupported URI Scheme (RFC 3261 §8.2.2.1);
   * one that requires SIP extensions gets 420 Bad Extension naming them in Unsupported (§8.2.2.3): this server
   * supports none that a request could require.
   */
  private static boolean refusedForExtensions(SipServletRequest req) throws IOException {
    if ("ACK".equals(req.getMethod()) || "CANCEL".equals(req.getMethod())) {
      return false;
    }
    if (!(req.getRequestURI() instanceof javax.servlet.sip.SipURI)) {
      LOG.info("{} refused: Request-URI scheme '{}' is not sip or sips", req.getMethod(),
          req.getRequestURI().getScheme());
      SipResponses.send(req, 416, "Unsupported URI Scheme");
      SipResponses.release(req);
      return true;
    }
    List<String> required = new java.util.ArrayList<>();
    req.getHeaders("Require").forEachRemaining(v -> {
      for (String tag : v.split(",")) {
        if (!tag.isBlank()) {
          required.add(tag.trim());
        }
      }
    });
    if (required.isEmpty()) {
      return false;
    }
    LOG.info("{} refused: it requires {}", req.getMethod(), required);
    SipResponses.sendWithHeader(req, 420, "Bad Extension", "Unsupported", String.join(", ", required));
    SipResponses.release(req);
    return true;
  }

  private void probeTrunks() {
    try {
      prober.tick();
      registrar.tick();
    } catch (RuntimeException e) {
      LOG.warn("Trunk probes or registrations failed this second: {}", e.toString());
    }
  }

  /** Where peers reach this server ({@code host:port} of its first UDP SIP interface). */
  private String contactHostPort() {
    Object interfaces = getServletContext().getAttribute(OUTBOUND_INTERFACES);
    if (interfaces instanceof java.util.List<?> list) {
      for (Object o : list) {
        if (o instanceof javax.servlet.sip.SipURI uri && !"tcp".equalsIgnoreCase(uri.getTransportParam())) {
          return uri.getHost() + ":" + uri.getPort();
        }
      }
    }
    return PbxApplication.from(getServletContext()).settings().domain();
  }

  @Override
  protected void doResponse(SipServletResponse resp) throws ServletException, IOException {
    MDC.put(MDC_CALL_ID, resp.getCallId());
    try {
      if (prober.onResponse(resp) || registrar.onResponse(resp)) {
        return;
      }
      b2bua.onResponse(resp);
    } catch (RuntimeException e) {
      LOG.error("handling {} {} failed", resp.getStatus(), resp.getMethod(), e);
    } finally {
      MDC.remove(MDC_CALL_ID);
    }
  }

  private void dispatchInitial(SipServletRequest req) throws ServletException, IOException {
    switch (req.getMethod()) {
      case "REGISTER" -> registerHandler.handle(req);
      case "INVITE" -> callHandler.handle(req);
      case "OPTIONS" -> answerOptions(req);
      case "ACK" -> b2bua.onAck(req);
      case "CANCEL" -> b2bua.onCancel(req);
      default -> SipResponses.sendWithHeader(req, 405, "Method Not Allowed", "Allow", SipResponses.ALLOW);
    }
  }

  /** Requests of a call under way: the B2BUA passes them to the other side. */
  private void dispatchInDialog(SipServletRequest req) throws IOException {
    switch (req.getMethod()) {
      case "ACK" -> {
        if (!features.onAck(req)) {
          b2bua.onAck(req);
        }
      }
      case "CANCEL" -> b2bua.onCancel(req);
      case "BYE" -> {
        if (!features.onBye(req)) {
          b2bua.onBye(req);
        }
      }
      default -> {
        if (!features.onInfo(req)) {
          b2bua.relayRequest(req);
        }
      }
    }
  }

  private static void answerOptions(SipServletRequest req) throws IOException {
    SipServletResponse ok = req.createResponse(200);
    ok.setHeader("Allow", SipResponses.ALLOW);
    ok.setHeader("Accept", "application/sdp");
    ok.send();
  }

  private static void sendServerError(SipServletRequest req) {
    try {
      SipResponses.send(req, 500, "Server Internal Error");
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not answer 500: {}", e.toString());
    }
  }
}
