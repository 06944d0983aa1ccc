package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sipp (Debian package sip-tester) registers 50 extensions with digest authentication, then unregisters them. */
class SippRegisterIT {
  private static final int USERS = 50;

  @TempDir Path dir;

  @Test
  void sippRegistersEveryExtensionWithDigest() throws IOException, InterruptedException {
    try (PbxServerProcess server = new PbxServerProcess(dir.resolve("pbx")).start()) {
      StringBuilder csv = new StringBuilder("number,name,secret\n");
      StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
      for (int i = 0; i < USERS; i++) {
        String ext = String.valueOf(5000 + i);
        csv.append(ext).append(",Load ").append(i).append(",sipp-secret-").append(ext).append('\n');
        inf.append(ext).append(";[authentication username=").append(ext)
            .append(" password=sipp-secret-").append(ext).append("]\n");
      }
      assertEquals(201, server.api().post("/api/v1/extensions/import", csv.toString(), "text/csv").statusCode());
      Path users = Files.writeString(dir.resolve("users.csv"), inf, StandardCharsets.UTF_8);

      Process sipp =
          new ProcessBuilder(
                  sippBinary(), "-sf", Path.of(System.getProperty("pbx.sipp.dir"), "register-digest.xml").toString(),
                  "-inf", users.toString(), "127.0.0.1:" + server.sipPort(),
                  "-i", "127.0.0.1", "-p", String.valueOf(FreePorts.next()),
                  "-m", String.valueOf(USERS), "-r", "25", "-timeout", "60", "-timeout_error",
                  "-nostdin", "-trace_stat", "-stf", dir.resolve("stats.csv").toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sipp.out").toFile())
              .start();
      assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "sipp did not finish");
      String out = Files.readString(dir.resolve("sipp.out"));
      assertEquals(0, sipp.exitValue(), "sipp reported failed calls:\n" + out);
      assertTrue(out.matches("(?s).*Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*" + USERS + "\\b.*"), out);
    }
  }

  private static String sippBinary() {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, "sipp"))) {
        return Path.of(dir, "sipp").toString();
      }
    }
    throw new AssertionError("sipp is not installed: apt-get install -y sip-tester");
  }
}
