package org.convergepbx.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.trunk.Trunk;
import org.convergepbx.trunk.TrunkHealth;
import org.convergepbx.trunk.TrunkService;
import org.convergepbx.trunk.TrunkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps trunks' {@link TrunkHealth} with OPTIONS probes: every trunk with a keepalive is probed that often, each
 * probe in an application session of its own that the answer ends. Runs on a thread of its own, so that a slow
 * DNS lookup of a peer's host delays no call.
 */
public final class TrunkProber {
  private static final Logger LOG = LoggerFactory.getLogger(TrunkProber.class);
  static final String ATTRIBUTE = "org.convergepbx.trunk.probe";

  private final SipFactory factory;
  private final TrunkService trunks;
  private final TrunkHealth health;
  private final Clock clock;
  private final String domain;
  private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

  /** The probe a session carries: which trunk, sent when. */
  private record Pending(String trunk, Instant sentAt) implements java.io.Serializable {}

  public TrunkProber(SipFactory factory, TrunkService trunks, TrunkHealth health, Clock clock, String domain) {
    this.factory = factory;
    this.trunks = trunks;
    this.health = health;
    this.clock = clock;
    this.domain = domain;
  }

  /** Probes every trunk whose keepalive has passed since its last probe; forgets trunks no longer probed. */
  public void tick() {
    Instant now = clock.instant();
    Set<String> probed = new HashSet<>();
    for (Trunk t : trunks.list()) {
      TrunkSettings s = t.settings();
      if (s.keepalive() == 0) {
        continue;
      }
      probed.add(t.name());
      Instant last = lastSent.get(t.name());
      if (last == null || !now.isBefore(last.plusSeconds(s.keepalive()))) {
        probe(t.name(), s, now);
      }
    }
    for (String name : Set.copyOf(lastSent.keySet())) {
      if (!probed.contains(name)) {
        lastSent.remove(name);
        health.forget(name);
      }
    }
  }

  private void probe(String trunk, TrunkSettings s, Instant now) {
    lastSent.put(trunk, now);
    health.sent(trunk, now);
    try {
      SipApplicationSession sas = factory.createApplicationSession();
      sas.setAttribute(ATTRIBUTE, new Pending(trunk, now));
      SipServletRequest options = factory.createRequest(sas, "OPTIONS", "sip:pbx@" + domain, s.peerUri());
      options.setRequestURI(factory.createURI(s.peerUri()));
      options.send();
    } catch (IOException | ServletParseException | RuntimeException e) {
      LOG.warn("OPTIONS to trunk {} could not be sent: {}", trunk, e.toString());
    }
  }

  /**
   * A response on a probe's session: any final answer from the peer marks the trunk up (a 408 is the
   * container's own timeout, not an answer). Returns false for responses that are no probe's.
   */
  public boolean onResponse(SipServletResponse resp) {
    SipApplicationSession sas = resp.getApplicationSession();
    if (sas == null || !(sas.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
      return false;
    }
    if (resp.getStatus() < 200) {
      return true;
    }
    if (resp.getStatus() != 408) {
      health.answered(pending.trunk(), pending.sentAt(), clock.instant());
    }
    try {
      sas.invalidate();
    } catch (IllegalStateException e) {
      LOG.debug("probe session already gone: {}", e.toString());
    }
    return true;
  }
}
