package org.convergepbx.container;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The settings the launcher itself needs, resolved as the application resolves all of its settings:
 * environment variable, then system property of the same name, then default (see docs/configuration.md).
 */
record LauncherSettings(
    String bind, int sipPort, int httpPort, Path dataDir, Path ear, String domain) {

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
    return new LauncherSettings(
        orDefault(get.apply("PBX_BIND"), "0.0.0.0"),
        port("PBX_SIP_PORT", orDefault(get.apply("PBX_SIP_PORT"), "5080")),
        port("PBX_HTTP_PORT", orDefault(get.apply("PBX_HTTP_PORT"), "8080")),
        Path.of(dataDir).toAbsolutePath().normalize(),
        ear == null ? defaultEar() : Path.of(ear).toAbsolutePath().normalize(),
        get.apply("PBX_DOMAIN"));
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
}
