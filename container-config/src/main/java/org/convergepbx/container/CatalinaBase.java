package org.convergepbx.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
