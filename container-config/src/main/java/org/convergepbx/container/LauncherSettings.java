package org.convergepbx.container;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The settings the launcher itself needs, resolved as the application resolves all of its settings:
 * environment variable, then system property of the same name, then default (see docs/configuration.md).
 *
 * @param httpBind the address the HTTP and HTTPS connectors listen on ({@code PBX_HTTP_BIND}, default
 *     {@link #bind()})
 */
record LauncherSettings(
    String bind,
    int sipPort,
    int httpPort,
    Path dataDir,
    Path ear,
    String domain,
    String httpBind,
    TlsSettings tls) {

  static LauncherSettings fromEnvironment() {
    return resolve(System::getenv, System::getProperty);
  }

  static LauncherSettings resolve(Function<String, String> env, Function<String, String> props) {
    Function<String, String> get =
        name -> {
          String v = env.apply(name);
          if (v == null || v.isBlank()) {
            v = props.apply(name);
          }
          return v == null || v.isBlank() ? null : v.trim();
        };
    String dataDir = orDefault(get.apply("PBX_DATA_DIR"), "./pbx-data");
    String ear = get.apply("PBX_EAR");
    String bind = orDefault(get.apply("PBX_BIND"), "0.0.0.0");
    return new LauncherSettings(
        bind,
        port("PBX_SIP_PORT", orDefault(get.apply("PBX_SIP_PORT"), "5080")),
        port("PBX_HTTP_PORT", orDefault(get.apply("PBX_HTTP_PORT"), "8080")),
        Path.of(dataDir).toAbsolutePath().normalize(),
        ear == null ? defaultEar() : Path.of(ear).toAbsolutePath().normalize(),
        get.apply("PBX_DOMAIN"),
        orDefault(get.apply("PBX_HTTP_BIND"), bind),
        tls(get));
  }

  /** PBX_TLS=off, or both TLS ports 0, turns TLS off; a keystore needs its password. */
  private static TlsSettings tls(Function<String, String> get) {
    String enabled = orDefault(get.apply("PBX_TLS"), "on").toLowerCase(Locale.ROOT);
    if (!enabled.equals("on") && !enabled.equals("off")) {
      throw new LaunchException("PBX_TLS must be 'on' or 'off', got '" + enabled + "'");
    }
    int sipTlsPort = portOrOff("PBX_SIP_TLS_PORT", orDefault(get.apply("PBX_SIP_TLS_PORT"), "5061"));
    int httpsPort = portOrOff("PBX_HTTPS_PORT", orDefault(get.apply("PBX_HTTPS_PORT"), "8443"));
    String keystore = get.apply("PBX_TLS_KEYSTORE");
    String password = get.apply("PBX_TLS_KEYSTORE_PASSWORD");
    if (enabled.equals("off")) {
      return TlsSettings.OFF;
    }
    if (keystore != null && password == null) {
      throw new LaunchException("PBX_TLS_KEYSTORE_PASSWORD is required with PBX_TLS_KEYSTORE");
    }
    if (keystore == null && password != null) {
      throw new LaunchException("PBX_TLS_KEYSTORE_PASSWORD is set but PBX_TLS_KEYSTORE is not");
    }
    return new TlsSettings(
        sipTlsPort,
        httpsPort,
        keystore == null ? null : Path.of(keystore).toAbsolutePath().normalize(),
        password);
  }

  private static String orDefault(String v, String def) {
    return v == null ? def : v;
  }

  private static int port(String name, String value) {
    try {
      int p = Integer.parseInt(value);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new LaunchException(name + " must be a port number (1-65535), got '" + value + "'");
    }
  }

  /** A port number, or 0 for "this listener is off". */
  private static int portOrOff(String name, String value) {
    try {
      int p = Integer.parseInt(value);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new LaunchException(name + " must be a port number (1-65535, or 0 for off), got '" + value + "'");
    }
  }

  /** pbx.ear next to pbx-server.jar, as the build lays them out. */
  private static Path defaultEar() {
    try {
      Path jar =
          Path.of(PbxServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.resolveSibling("pbx.ear");
    } catch (URISyntaxException e) {
      return Path.of("pbx.ear").toAbsolutePath();
    }
  }

  /**
   * SIP over TLS and HTTPS. A port of 0 turns that listener off; TLS is off when both are.
   *
   * @param keystore the operator's PKCS12 key store, or null for the generated self-signed one
   * @param keystorePassword its password, null exactly when {@code keystore} is
   */
  record TlsSettings(int sipPort, int httpsPort, Path keystore, String keystorePassword) {
    static final TlsSettings OFF = new TlsSettings(0, 0, null, null);

    boolean enabled() {
      return sipPort > 0 || httpsPort > 0;
    }

    @Override
    public String toString() {
      return "TlsSettings[sipPort=" + sipPort + ", httpsPort=" + httpsPort + ", keystore=" + keystore + "]";
    }
  }
}
