package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Interoperation with a non-Java SIP server: Kamailio (the Debian package, with the benchmark's configuration:
 * digest authentication against SQLite, registrar, record-routing proxy) acts as the provider. The PBX's trunk
 * registers to it with a secret, its OPTIONS probes see it up, and a call from extension 1001 goes out through
 * it: Kamailio challenges the INVITE, the trunk answers with its credentials, and Kamailio relays the call to a
 * phone registered there; the BYE follows Kamailio's Record-Route.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KamailioProviderIT {
  private static final Path KAMAILIO = Path.of("/usr/sbin/kamailio");
  private static final Path MODULES = Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules");
  private static final Path SCHEMAS = Path.of("/usr/share/kamailio/db_sqlite");
  private static final Path CONFIG = Path.of(System.getProperty("basedir", "."), "..", "bench", "kamailio", "kamailio.cfg");
  private static final long TIMEOUT = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path kamailioDir;
  @TempDir Path pbxData;

  @Test
  void thePbxRegistersToKamailioAndCallsOutThroughIt() throws Exception {
    if (!Files.isExecutable(KAMAILIO) || !Files.exists(MODULES.resolve("db_sqlite.so")) || !Files.isDirectory(SCHEMAS)) {
      fail("KamailioProviderIT needs Kamailio with SQLite: apt-get install -y kamailio kamailio-sqlite-modules sqlite3"
          + " (Debian packages; .ci/run installs them)");
    }
    int kamailioPort = FreePorts.next();
    Process kamailio = startKamailio(kamailioPort, List.of("100000", "100001"));
    try (PbxServerProcess pbx = new PbxServerProcess(pbxData, FreePorts.next(), FreePorts.next(), Map.of()).start();
        Phones pbxPhones = new Phones("127.0.0.1", pbx.sipPort());
        Phones providerPhones = new Phones("127.0.0.1", kamailioPort)) {
      pbx.api().provision("1001", "secret-1001");
      put(pbx, "/api/v1/trunks/provider", "{\"host\":\"127.0.0.1\",\"port\":" + kamailioPort + ",\"username\":\"100000\","
          + "\"secret\":\"secret-100000\",\"callerId\":\"100000\",\"keepalive\":1,"
          + "\"register\":\"100000:secret-100000@127.0.0.1:" + kamailioPort + "\"}");
      put(pbx, "/api/v1/routes/outbound/pstn", "{\"patterns\":[{\"prefix\":\"0\",\"match\":\"X.\"}],\"trunks\":[\"provider\"]}");

      JsonNode trunk = new FluentWait<>(pbx).withTimeout(Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(200))
          .withMessage(() -> "the trunk is up and registered at Kamailio: " + pbx.api().get("/api/v1/trunks/provider").body()
              + "\n" + log())
          .until(p -> {
            JsonNode t = json(p.api().get("/api/v1/trunks/provider"));
            JsonNode s = t.path("status");
            return s.path("state").asText().equals("UP")
                && s.path("registration").path("state").asText().equals("REGISTERED") ? t : null;
          });
      assertTrue(trunk.path("status").path("registration").path("expiresAt").isTextual(), trunk.toString());

      SipPhone far = providerPhones.phone("100001", "secret-100001");
      assertTrue(far.register("100001", "secret-100001", null, 600, TIMEOUT), far.format() + "\n" + log());
      SipCall in = far.createSipCall();
      assertTrue(in.listenForIncomingCall());
      SipPhone alice = pbxPhones.phone("1001", "secret-1001");
      String sdp = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      SipCall out = pbxPhones.dial(alice, "1001", "secret-1001", "sip:0100001@" + Phones.DOMAIN, sdp);
      assertTrue(in.waitForIncomingCall(TIMEOUT), "Kamailio relays the call to 100001: " + in.format() + "\n" + log());
      String from = in.getLastReceivedRequest().getMessage().getHeader("From").toString();
      assertTrue(from.contains("sip:100000@"), "the trunk's caller ID: " + from);
      assertTrue(in.sendIncomingCallResponse(200, "OK", 0, sdp.replace("41000", "41002"), "application", "sdp", null,
          null), in.format());
      assertEquals(200, finalResponse(out), out.format());
      assertTrue(out.sendInviteOkAck(), out.format());
      assertTrue(in.waitForAck(TIMEOUT), "the ACK comes through Kamailio: " + in.format());
      assertTrue(out.disconnect(), out.format());
      assertTrue(in.waitForDisconnect(TIMEOUT), "the BYE follows Kamailio's Record-Route: " + in.format());
      assertTrue(in.respondToDisconnect(), in.format());
      assertEquals("provider", new FluentWait<>(pbx).withTimeout(Duration.ofSeconds(10))
          .pollingEvery(Duration.ofMillis(100))
          .until(p -> {
            JsonNode r = json(p.api().get("/api/v1/cdr?src=1001")).path("records").path(0);
            return r.path("state").asText().equals("CLOSED") ? r.path("trunk").asText() : null;
          }));
    } finally {
      kamailio.destroy();
      kamailio.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Kamailio with the benchmark's configuration, on a free loopback port, with these subscribers. */
  private Process startKamailio(int port, List<String> users) throws Exception {
    Path auth = kamailioDir.resolve("auth.sqlite");
    Path location = kamailioDir.resolve("location.sqlite");
    StringBuilder sql = new StringBuilder(read(SCHEMAS.resolve("standard-create.sql")))
        .append(read(SCHEMAS.resolve("auth_db-create.sql")));
    for (String u : users) {
      sql.append("INSERT INTO subscriber (username, domain, password, ha1, ha1b) VALUES ('").append(u).append("','")
          .append(Phones.DOMAIN).append("','','").append(md5(u + ":" + Phones.DOMAIN + ":secret-" + u)).append("','")
          .append(md5(u + "@" + Phones.DOMAIN + ":" + Phones.DOMAIN + ":secret-" + u)).append("');\n");
    }
    sqlite(auth, sql.toString());
    sqlite(location, read(SCHEMAS.resolve("standard-create.sql")) + read(SCHEMAS.resolve("usrloc-create.sql")));
    String cfg = read(CONFIG)
        .replace("@AUTH_DB@", auth.toString()).replace("@LOC_DB@", location.toString())
        .replace("@LISTEN@", "udp:127.0.0.1:" + port)
        // SipUnit's answer to a 401 keeps the challenge's To tag: a REGISTER is never in a dialog
        .replace("\tif (has_totag()) {", "\tif (has_totag() && !is_method(\"REGISTER\")) {")
        .replace("@REALM@", Phones.DOMAIN)
        .replace("@CHILDREN@", "2").replace("@USRLOC_DB_MODE@", "0").replace("@MPATH@", MODULES.toString());
    Path file = kamailioDir.resolve("kamailio.cfg");
    Files.writeString(file, cfg);
    return new ProcessBuilder(KAMAILIO.toString(), "-DD", "-E", "-f", file.toString(),
            "-P", kamailioDir.resolve("kamailio.pid").toString(), "-Y", kamailioDir.toString(), "-m", "64", "-M", "8")
        .redirectErrorStream(true)
        .redirectOutput(kamailioDir.resolve("kamailio.log").toFile())
        .start();
  }

  private String log() {
    try {
      return "kamailio.log:\n" + Files.readString(kamailioDir.resolve("kamailio.log"));
    } catch (IOException e) {
      return "(no kamailio.log: " + e + ")";
    }
  }

  private static void sqlite(Path db, String sql) throws Exception {
    Process p = new ProcessBuilder("sqlite3", db.toString()).redirectErrorStream(true).start();
    p.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sqlite3 " + db + ": " + output);
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  private static String md5(String s) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static void put(PbxServerProcess server, String path, String body) {
    server.api().putOk(path, body);
  }


  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  private static int finalResponse(SipCall call) {
    return Phones.finalResponse(call, 3 * TIMEOUT);
  }

}
