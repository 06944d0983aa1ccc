package org.convergepbx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.convergepbx.persistence.Database;

/** A fresh embedded Derby database on disk (as the server uses by default), migrated by Flyway. */
final class DerbyState {
  private DerbyState() {}

  static Path newDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  static Database open(Path dir) {
    System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
    String url = "jdbc:derby:" + dir.resolve("db") + ";create=true";
    return Database.open(url, null, null, DerbyState.class.getClassLoader());
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
