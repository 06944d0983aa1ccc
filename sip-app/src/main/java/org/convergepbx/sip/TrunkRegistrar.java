package org.convergepbx.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.trunk.Registration;
import org.convergepbx.trunk.Trunk;
import org.convergepbx.trunk.TrunkRegistrations;
import org.convergepbx.trunk.TrunkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers trunks that have a register string to their peer: REGISTER with this server's address as Contact,
 * the peer's challenge answered once with the secret, renewed at half the granted time, retried after a failure.
 * Runs on the probe thread; each REGISTER has an application session of its own.
 */
public final class TrunkRegistrar {
  private static final Logger LOG = LoggerFactory.getLogger(TrunkRegistrar.class);
  static final String ATTRIBUTE = "org.convergepbx.trunk.register";
  /** The registration time asked for, in seconds. */
  static final int EXPIRES = 300;

  private final SipFactory factory;
  private final TrunkService trunks;
  private final TrunkRegistrations registrations;
  private final Clock clock;
  private final String contactHostPort;

  /** The REGISTER a session carries: which trunk, and whether it already answered a challenge. */
  private record Pending(String trunk, boolean authenticated) implements java.io.Serializable {}

  /** @param contactHostPort where the peer reaches this server ({@code host:port}) */
  public TrunkRegistrar(
      SipFactory factory, TrunkService trunks, TrunkRegistrations registrations, Clock clock, String contactHostPort) {
    this.factory = factory;
    this.trunks = trunks;
    this.registrations = registrations;
    this.clock = clock;
    this.contactHostPort = contactHostPort;
  }

  /** Sends the registrations that are due; forgets those of trunks that no longer register. */
  public void tick() {
    Instant now = clock.instant();
    Set<String> registering = new HashSet<>();
    for (Trunk t : trunks.list()) {
      Registration r = t.settings().registration();
      if (r == null) {
        registrations.forget(t.name());
        continue;
      }
      registering.add(t.name());
      if (registrations.due(t.name(), now)) {
        if (registrations.status(t.name()).state() == TrunkRegistrations.State.REGISTERING) {
          registrations.failed(t.name(), now, "no answer from " + r.registrar());
          continue;
        }
        send(t.name(), r, now);
      }
    }
  }

  private void send(String trunk, Registration r, Instant now) {
    registrations.sending(trunk, now);
    try {
      SipApplicationSession sas = factory.createApplicationSession();
      sas.setAttribute(ATTRIBUTE, new Pending(trunk, false));
      SipServletRequest register = factory.createRequest(sas, "REGISTER", r.aor(), r.aor());
      register.setRequestURI(factory.createURI(r.registrar()));
      contact(register, r);
      register.send();
    } catch (IOException | ServletParseException | RuntimeException e) {
      LOG.warn("REGISTER of trunk {} could not be sent: {}", trunk, e.toString());
      registrations.failed(trunk, now, e.getMessage());
    }
  }

  private void contact(SipServletRequest register, Registration r) throws ServletParseException {
    Address contact = factory.createAddress("<sip:" + r.user() + "@" + contactHostPort + ">");
    register.setAddressHeader("Contact", contact);
    register.setExpires(EXPIRES);
  }

  /** A response on a registration's session; false for any other response. */
  public boolean onResponse(SipServletResponse resp) {
    SipApplicationSession sas = resp.getApplicationSession();
    if (sas == null || !(sas.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
      return false;
    }
    int status = resp.getStatus();
    if (status < 200) {
      return true;
    }
    Instant now = clock.instant();
    Registration r = trunks.find(pending.trunk()).map(t -> t.settings().registration()).orElse(null);
    if ((status == 401 || status == 407) && !pending.authenticated() && r != null) {
      try {
        SipServletRequest again = resp.getSession().createRequest("REGISTER");
        again.addAuthHeader(resp, r.user(), r.secret());
        again.setRequestURI(factory.createURI(r.registrar()));
        contact(again, r);
        sas.setAttribute(ATTRIBUTE, new Pending(pending.trunk(), true));
        again.send();
        return true;
      } catch (IOException | ServletParseException | RuntimeException e) {
        LOG.warn("Trunk {}: the authenticated REGISTER could not be sent: {}", pending.trunk(), e.toString());
      }
    }
    if (status < 300) {
      registrations.registered(pending.trunk(), now, granted(resp));
      LOG.info("Trunk {} registered to its peer for {} s", pending.trunk(), granted(resp).toSeconds());
    } else {
      registrations.failed(pending.trunk(), now, status + " " + resp.getReasonPhrase());
      LOG.warn("Trunk {}: registration refused: {} {}", pending.trunk(), status, resp.getReasonPhrase());
    }
    try {
      sas.invalidate();
    } catch (IllegalStateException e) {
      LOG.debug("registration session already gone: {}", e.toString());
    }
    return true;
  }

  /** The time the peer granted: the Contact's expires, else Expires, else what was asked. */
  private static Duration granted(SipServletResponse ok) {
    try {
      Address contact = ok.getAddressHeader("Contact");
      if (contact != null && contact.getExpires() > 0) {
        return Duration.ofSeconds(contact.getExpires());
      }
    } catch (ServletParseException e) {
      LOG.debug("unreadable Contact in a REGISTER answer: {}", e.toString());
    }
    return Duration.ofSeconds(ok.getExpires() > 0 ? ok.getExpires() : EXPIRES);
  }
}
