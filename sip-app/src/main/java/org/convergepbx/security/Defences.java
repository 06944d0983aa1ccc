package org.convergepbx.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.convergepbx.config.Setting;
import org.convergepbx.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side's defences, built from the settings: bans and the allow-list, the flood guard, the lockout of
 * password guessers, the toll-fraud call limits and the overload guard, all counted in the metrics.
 */
public final class Defences {
  private static final Logger LOG = LoggerFactory.getLogger(Defences.class);

  private final SecurityMetrics metrics;
  private final BanList bans;
  private final FloodGuard flood;
  private final SourceGate gate;
  private final AuthGuard auth;
  private final CallLimits limits;
  private final CallLimit.Policy extensionLimits;
  private final OverloadGuard overload;
  private final List<DigestAlgorithm> digestAlgorithms;
  private final List<String> internationalPrefixes;

  /** @param trunkPeer true for the address of a configured trunk peer (the higher flood limit) */
  public Defences(Settings settings, Predicate<String> trunkPeer, MeterRegistry registry, Clock clock) {
    this.metrics = new SecurityMetrics(registry);
    AllowList allowed = AllowList.parse(settings.get(Setting.PBX_SECURITY_ALLOW).orElse(""));
    this.bans = new BanList(allowed, clock, ban -> {
      LOG.warn("{} {} banned until {}: {}", ban.kind() == BanList.Kind.SOURCE ? "Source" : "User", ban.key(),
          ban.until(), ban.reason());
      metrics.banned(ban);
    });
    Gauge.builder("pbx.security.bans.active", bans, BanList::size).description("Bans in force").register(registry);
    this.flood = new FloodGuard(bans, allowed, trunkPeer,
        new FloodGuard.Limits(
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_FLOOD_WINDOW_SECONDS)),
            settings.positiveInt(Setting.PBX_FLOOD_MAX_REQUESTS),
            settings.positiveInt(Setting.PBX_FLOOD_TRUNK_MAX_REQUESTS),
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_BAN_SECONDS))),
        clock);
    this.gate = new SourceGate(flood);
    this.auth = new AuthGuard(bans,
        new AuthGuard.Policy(
            settings.positiveInt(Setting.PBX_AUTH_MAX_FAILURES),
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_AUTH_FAILURE_WINDOW_SECONDS)),
            Duration.ofSeconds(settings.positiveInt(Setting.PBX_AUTH_LOCKOUT_SECONDS))),
        clock, metrics::authFailed);
    this.limits = new CallLimits(clock);
    this.extensionLimits = new CallLimit.Policy(
        nonNegative(settings, Setting.PBX_EXTENSION_MAX_CALLS),
        nonNegative(settings, Setting.PBX_EXTENSION_CALLS_PER_MINUTE));
    this.overload = new OverloadGuard(new JvmLoad(),
        new OverloadGuard.Thresholds(
            nonNegative(settings, Setting.PBX_OVERLOAD_HEAP_PERCENT),
            nonNegative(settings, Setting.PBX_OVERLOAD_CPU_PERCENT),
            nonNegative(settings, Setting.PBX_OVERLOAD_PENDING),
            settings.positiveInt(Setting.PBX_OVERLOAD_RETRY_AFTER)),
        clock);
    this.digestAlgorithms = algorithms(settings.get(Setting.PBX_DIGEST_ALGORITHMS).orElse(""));
    this.internationalPrefixes = prefixes(settings.get(Setting.PBX_INTERNATIONAL_PREFIXES).orElse(""));
  }

  private static int nonNegative(Settings settings, Setting s) {
    int v = settings.intValue(s);
    if (v < 0) {
      throw new IllegalStateException("Setting " + s + " must be 0 or more, got " + v);
    }
    return v;
  }

  private static List<DigestAlgorithm> algorithms(String value) {
    List<DigestAlgorithm> list = new ArrayList<>();
    for (String token : value.split(",")) {
      if (token.isBlank()) {
        continue;
      }
      DigestAlgorithm a = DigestAlgorithm.fromToken(token.trim()).orElseThrow(() -> new IllegalStateException(
          "Setting PBX_DIGEST_ALGORITHMS: '" + token.trim() + "' is not SHA-256 or MD5"));
      if (!list.contains(a)) {
        list.add(a);
      }
    }
    if (list.isEmpty()) {
      throw new IllegalStateException("Setting PBX_DIGEST_ALGORITHMS names no algorithm");
    }
    return List.copyOf(list);
  }

  private static List<String> prefixes(String value) {
    List<String> list = new ArrayList<>();
    for (String p : value.split(",")) {
      String t = p.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        if (!t.matches("\\+?[0-9*#]*")) {
          throw new IllegalStateException("Setting PBX_INTERNATIONAL_PREFIXES: '" + t + "' is not a dial prefix");
        }
        list.add(t);
      }
    }
    return List.copyOf(list);
  }

  public SecurityMetrics metrics() {
    return metrics;
  }

  public BanList bans() {
    return bans;
  }

  public FloodGuard flood() {
    return flood;
  }

  /** Whether a request may enter at all (flood guard and scanners). */
  public SourceGate gate() {
    return gate;
  }

  public AuthGuard auth() {
    return auth;
  }

  public CallLimits limits() {
    return limits;
  }

  /** The limits every extension's calls are under. */
  public CallLimit extensionLimit(String extension) {
    return extensionLimits.of("extension:" + extension, "extension " + extension);
  }

  public OverloadGuard overload() {
    return overload;
  }

  public List<DigestAlgorithm> digestAlgorithms() {
    return digestAlgorithms;
  }

  /** The prefixes of international numbers (the dialled number as the caller dialled it). */
  public List<String> internationalPrefixes() {
    return internationalPrefixes;
  }
}
