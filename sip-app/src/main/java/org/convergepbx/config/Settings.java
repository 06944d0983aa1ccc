package org.convergepbx.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The application's typed settings, resolved once: environment variable, then system property, then default.
 * Invalid values fail fast with a message naming the setting.
 */
public final class Settings {
  private final Map<Setting, String> values;

  private Settings(Map<Setting, String> values) {
    this.values = values;
  }

  /** Reads every setting from the process environment and system properties. */
  public static Settings fromEnvironment() {
    return resolve(System::getenv, System::getProperty);
  }

  /** Resolves settings from the given sources; visible for tests. */
  static Settings resolve(Function<String, String> env, Function<String, String> sysProps) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = blankToNull(env.apply(s.name()));
      if (v == null) {
        v = blankToNull(sysProps.apply(s.name()));
      }
      if (v == null) {
        v = s.defaultValue();
      }
      if (v != null) {
        values.put(s, v.trim());
      }
    }
    return new Settings(values);
  }

  public Optional<String> get(Setting s) {
    return Optional.ofNullable(values.get(s));
  }

  public int intValue(Setting s) {
    String v = values.get(s);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Setting " + s + " must be a whole number, got '" + v + "'", e);
    }
  }

  /** A whole number of at least 1. */
  public int positiveInt(Setting s) {
    int v = intValue(s);
    if (v < 1) {
      throw new IllegalStateException("Setting " + s + " must be at least 1, got " + v);
    }
    return v;
  }

  /** The SIP domain, which is also the digest realm. */
  public String domain() {
    return get(Setting.PBX_DOMAIN).orElseGet(Settings::hostName);
  }

  public Path dataDir() {
    return Path.of(values.get(Setting.PBX_DATA_DIR)).toAbsolutePath().normalize();
  }

  /** The JDBC URL; by default an embedded Derby database in the data directory, created on first use. */
  public String databaseUrl() {
    return get(Setting.PBX_DB_URL)
        .orElseGet(() -> "jdbc:derby:" + dataDir().resolve("db") + ";create=true");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
