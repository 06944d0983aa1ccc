package org.convergepbx.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The container's CATALINA_BASE under {@code PBX_DATA_DIR/container}: {@code conf/} (server.xml, SIP stack
 * properties, application router file, logging) written from the launcher's templates at every start, and
 * fresh {@code webapps/}, {@code lib/}, {@code work/} and {@code temp/} directories.
 */
final class CatalinaBase {
  private static final String[] CONF_FILES = {
    "server.xml", "mss-sip-stack.properties", "dar.properties", "log4j.properties"
  };

  /** Where server.xml's template takes the TLS connectors. */
  private static final String TLS_MARKER = "<!--@TLS_CONNECTORS@-->";

  private final Path root;

  private CatalinaBase(Path root) {
    this.root = root;
  }

  static CatalinaBase layOut(Path dataDir) {
    Path root = dataDir.resolve("container");
    try {
      for (String transient_ : new String[] {"webapps", "lib", "work", "temp"}) {
        deleteTree(root.resolve(transient_));
        Files.createDirectories(root.resolve(transient_));
      }
      Files.createDirectories(root.resolve("conf"));
      Files.createDirectories(dataDir.resolve("logs"));
      for (String name : CONF_FILES) {
        try (InputStream in = CatalinaBase.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new LaunchException("launcher is missing its template " + name);
          }
          Files.copy(in, root.resolve("conf").resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new LaunchException("cannot prepare " + root + ": " + e.getMessage(), e);
    }
    return new CatalinaBase(root);
  }

  /**
   * Adds the TLS listeners to the generated configuration: the connectors to server.xml (their key store path
   * and password stay {@code ${...}} system properties, so server.xml holds no secret) and the key store to the
   * SIP stack properties, which the container reads as they are; that file is made readable by the owner only
   * before the password is written to it.
   */
  void enableTls(LauncherSettings.TlsSettings tls, TlsKeyStore keyStore) {
    try {
      Path serverXml = conf("server.xml");
      Files.writeString(
          serverXml, Files.readString(serverXml).replace(TLS_MARKER, TlsConfiguration.connectors(tls)));
      Path stack = conf("mss-sip-stack.properties");
      try {
        Files.setPosixFilePermissions(stack, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // a file system without POSIX permissions: the data directory's ACL applies
      }
      Files.writeString(stack, TlsConfiguration.stackProperties(keyStore), StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LaunchException("cannot write the TLS configuration in " + root + ": " + e.getMessage(), e);
    }
  }

  Path root() {
    return root;
  }

  Path conf(String name) {
    return root.resolve("conf").resolve(name);
  }

  Path webapps() {
    return root.resolve("webapps");
  }

  Path lib() {
    return root.resolve("lib");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
