package org.convergepbx.security;

import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a SIP request may enter at all, from its source address and User-Agent: not from a banned or
 * flooding source ({@link FloodGuard}, which counts it), not from a known scanner ({@link ScannerAgents}). Both
 * refusals are silent: no answer. The launcher's SIP stack asks this before it keeps any state for a request (the
 * application publishes it under {@link #KEY}); where that stack valve is not installed (an embedded container),
 * the servlet asks it.
 */
public final class SourceGate implements BiPredicate<String, String> {
  /** The system-properties key under which the application publishes its gate for the stack's valve. */
  public static final String KEY = "org.convergepbx.sip.sourceGate";
  /** The system property the stack's valve sets when it runs. */
  public static final String VALVE_INSTALLED = "org.convergepbx.sip.sourceGate.installed";
  private static final Logger LOG = LoggerFactory.getLogger(SourceGate.class);

  private final FloodGuard flood;

  public SourceGate(FloodGuard flood) {
    this.flood = flood;
  }

  /** True if the stack's valve asks this gate for every request (so the servlet must not ask again). */
  public static boolean valveInstalled() {
    return Boolean.getBoolean(VALVE_INSTALLED);
  }

  /** Publishes this gate for the stack's valve. */
  public void publish() {
    System.getProperties().put(KEY, this);
  }

  /** Withdraws the gate (the application stops; the valve then lets everything in). */
  public void withdraw() {
    System.getProperties().remove(KEY, this);
  }

  /** True if a request from {@code source} with this User-Agent (or null) may enter. */
  @Override
  public boolean test(String source, String userAgent) {
    if (!flood.admit(source)) {
      return false;
    }
    if (ScannerAgents.isScanner(userAgent)) {
      LOG.info("Request from scanner '{}' at {} dropped unanswered", userAgent, source);
      return false;
    }
    return true;
  }
}
