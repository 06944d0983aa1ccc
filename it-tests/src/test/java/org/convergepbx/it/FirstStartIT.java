package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without PBX_ADMIN_PASSWORD, the first start generates the administrator password and prints it once. */
class FirstStartIT {
  private static final Pattern GENERATED =
      Pattern.compile("Generated administrator password for 'admin': (\\S+)");

  @TempDir Path data;

  @Test
  void generatedPasswordIsPrintedOnceAndOnlyItsHashIsStored() throws Exception {
    int sip = FreePorts.next();
    int http = FreePorts.next();
    Map<String, String> noPassword = Map.of("PBX_ADMIN_PASSWORD", "");
    String password;
    try (PbxServerProcess first = new PbxServerProcess(data, sip, http, noPassword).start()) {
      Matcher m = GENERATED.matcher(first.output());
      assertTrue(m.find(), first.output());
      password = m.group(1);
      AdminApi api = new AdminApi("http://127.0.0.1:" + http, "admin", password);
      assertEquals(200, api.get("/api/v1/extensions").statusCode());
      first.stop();
    }
    try (Stream<Path> files = Files.walk(data.resolve("db"))) {
      assertTrue(
          files.filter(Files::isRegularFile).noneMatch(f -> contains(f, password)),
          "the password must not be stored in clear");
    }
    try (PbxServerProcess second = new PbxServerProcess(data, sip, http, noPassword).start()) {
      assertFalse(GENERATED.matcher(second.output()).find(), second.output());
      AdminApi api = new AdminApi("http://127.0.0.1:" + http, "admin", password);
      assertEquals(200, api.get("/api/v1/extensions").statusCode());
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
