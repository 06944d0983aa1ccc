package org.convergepbx.registrar;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.security.AuthResult;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.security.SipsRule;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out REGISTER: refuse SIPS that did not come over TLS ({@link SipsRule}), authenticate, translate to a
 * {@link RegisterRequest}, answer the registrar's outcome.
 */
public final class RegisterHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

  private final DigestAuthenticator authenticator;
  private final RegistrarService registrar;
  private final SipFactory sipFactory;
  private final Clock clock;

  public RegisterHandler(
      DigestAuthenticator authenticator,
      RegistrarService registrar,
      SipFactory sipFactory,
      Clock clock) {
    this.authenticator = authenticator;
    this.registrar = registrar;
    this.sipFactory = sipFactory;
    this.clock = clock;
  }

  /**
   * Answers a REGISTER; the request's application session is then released at once (a registration is not a
   * dialog, and the container would otherwise keep the session, its SIP session and transaction for hours).
   */
  public void handle(SipServletRequest req) throws IOException, ServletException {
    try {
      register(req);
    } finally {
      SipResponses.release(req);
    }
  }

  private void register(SipServletRequest req) throws IOException, ServletException {
    List<String> contactUris = new ArrayList<>();
    for (Address a : contactHeaders(req)) {
      if (!a.isWildcard()) {
        contactUris.add(a.getURI().toString());
      }
    }
    Optional<String> insecure =
        SipsRule.refusal(req.getRequestURI().toString(), contactUris, req.getTransport());
    if (insecure.isPresent()) {
      LOG.info("REGISTER refused: SIPS over {} from {}", req.getTransport(), req.getRemoteAddr());
      SipResponses.send(req, SipsRule.REFUSAL_STATUS, insecure.get());
      return;
    }
    AuthResult auth = authenticator.authenticate("REGISTER", req.getHeader("Authorization"), req.getRemoteAddr());
    if (auth instanceof AuthResult.Challenge c) {
      SipResponses.sendChallenge(req, 401, "Unauthorized", "WWW-Authenticate", c.headerValues());
      return;
    }
    String user = ((AuthResult.Authenticated) auth).username();
    if (!(req.getTo().getURI() instanceof SipURI to) || to.getUser() == null) {
      throw new InvalidInputException("To", "Bad To header: no user part");
    }
    if (!user.equals(to.getUser())) {
      LOG.info("REGISTER refused: {} may not register {}", user, to.getUser());
      SipResponses.send(req, 403, "Authenticated user is not the address of record");
      return;
    }
    RegisterOutcome outcome = registrar.register(toRequest(req, user));
    answer(req, user, outcome);
  }

  private RegisterRequest toRequest(SipServletRequest req, String aor) {
    List<ContactSpec> contacts = new ArrayList<>();
    boolean wildcard = false;
    for (Address a : contactHeaders(req)) {
      if (a.isWildcard()) {
        wildcard = true;
      } else {
        contacts.add(contactOf(a));
      }
    }
    return new RegisterRequest(
        aor,
        contacts,
        wildcard,
        expiresHeader(req.getHeader("Expires")),
        req.getCallId(),
        req.getHeader("CSeq") == null ? 0 : cseqNumber(req.getHeader("CSeq")),
        req.getHeader("User-Agent"),
        req.getRemoteAddr() + ":" + req.getRemotePort() + "/" + req.getTransport());
  }

  /** The Contact headers; a header the container cannot parse is the client's error, not ours. */
  private static List<Address> contactHeaders(SipServletRequest req) {
    List<Address> result = new ArrayList<>();
    try {
      ListIterator<Address> it = req.getAddressHeaders("Contact");
      while (it.hasNext()) {
        result.add(it.next());
      }
    } catch (ServletParseException | RuntimeException e) {
      throw new InvalidInputException("Contact", "Bad Contact header");
    }
    if (result.isEmpty() && req.getHeader("Contact") != null) {
      throw new InvalidInputException("Contact", "Bad Contact header");
    }
    return result;
  }

  /** A contact to bind: a SIP URI with a host and a valid port, and well-formed expires and q parameters. */
  private static ContactSpec contactOf(Address a) {
    try {
      if (!(a.getURI() instanceof SipURI uri) || uri.getHost() == null || uri.getHost().isBlank()) {
        throw new InvalidInputException("Contact", "Bad Contact header: not a SIP URI");
      }
      int port = uri.getPort();
      if (port == 0 || port > 65535 || !uri.toString().matches("(?i)sips?:[^<>\\s\"]+")) {
        throw new InvalidInputException("Contact", "Bad Contact header");
      }
      return new ContactSpec(uri.toString(), expiresOf(a), qOf(a));
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidInputException("Contact", "Bad Contact header");
    }
  }

  private void answer(SipServletRequest req, String aor, RegisterOutcome outcome)
      throws IOException, ServletParseException {
    if (outcome instanceof RegisterOutcome.Registered r) {
      SipServletResponse ok = req.createResponse(200);
      for (Binding b : r.bindings()) {
        Address a = sipFactory.createAddress(sipFactory.createURI(b.contactUri()));
        a.setExpires((int) b.secondsLeft(clock.instant()));
        ok.addAddressHeader("Contact", a, false);
      }
      ok.send();
      LOG.info("REGISTER {}: {} contact(s) bound", aor, r.bindings().size());
    } else if (outcome instanceof RegisterOutcome.IntervalTooBrief t) {
      SipResponses.sendWithHeader(
          req, 423, "Interval Too Brief", "Min-Expires", String.valueOf(t.minExpires()));
    } else {
      RegisterOutcome.Refused f = (RegisterOutcome.Refused) outcome;
      SipResponses.send(req, f.status(), f.reason());
    }
  }

  private static Integer expiresHeader(String value) {
    if (value == null) {
      return null;
    }
    try {
      int e = Integer.parseInt(value.trim());
      if (e < 0) {
        throw new NumberFormatException();
      }
      return e;
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Expires", "Bad Expires header");
    }
  }

  private static Integer expiresOf(Address a) {
    int e = a.getExpires();
    return e < 0 ? null : e;
  }

  private static int qOf(Address a) {
    float q = a.getQ();
    if (q < 0) {
      return 1000;
    }
    if (q > 1) {
      throw new InvalidInputException("Contact", "Bad Contact header: q above 1");
    }
    return Math.round(q * 1000);
  }

  private static long cseqNumber(String cseq) {
    String n = cseq.trim().split("\\s+")[0];
    try {
      return Long.parseLong(n);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("CSeq", "Bad CSeq header");
    }
  }
}
