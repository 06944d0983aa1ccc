package org.convergepbx.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The security counters, for alerting: bans by kind, failed authentications, call-limit trips (the toll-fraud
 * alert) and refusals for overload. No per-user or per-address labels.
 */
public final class SecurityMetrics {
  private final MeterRegistry registry;
  private final Counter authFailures;
  private final Counter overloadRefusals;

  public SecurityMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.authFailures = Counter.builder("pbx.security.auth.failures")
        .description("Failed SIP digest authentications").register(registry);
    this.overloadRefusals = Counter.builder("pbx.overload.refusals")
        .description("New INVITEs and REGISTERs answered 503 while overloaded or draining").register(registry);
  }

  /** A ban came into force. */
  public void banned(BanList.Ban ban) {
    Counter.builder("pbx.security.bans").description("Bans that came into force")
        .tag("kind", ban.kind().name().toLowerCase(java.util.Locale.ROOT))
        .tag("cause", ban.cause().name().toLowerCase(java.util.Locale.ROOT))
        .register(registry).increment();
  }

  public void authFailed() {
    authFailures.increment();
  }

  /** A call was refused by a call limit ({@code scope}: extension or route). */
  public void limitTripped(String scope) {
    Counter.builder("pbx.security.limit.trips").description("Calls refused by a toll-fraud call limit")
        .tag("scope", scope).register(registry).increment();
  }

  public void overloadRefused() {
    overloadRefusals.increment();
  }
}
