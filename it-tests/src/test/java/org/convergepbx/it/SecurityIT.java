package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The SIP side's defences in the real container: an enumeration scan learns nothing, a password guesser is
 * locked out (and the lockout lifted over HTTP), a flooding source (sipp) is banned within 2 s while users on
 * other sources keep registering and calling, and a drained node refuses new work but not calls under way.
 */
class SecurityIT extends ContainerTest {
  private static final String GUESSER = "127.0.0.4";
  private static final String FLOODER = "127.0.0.2";
  private static final String OFFICE = "127.0.0.3";

  @TempDir Path dir;

  @Test
  void anEnumerationScanGetsIdenticalAnswersForExistingAndMissingExtensions() {
    String existing = uniqueNumber();
    api.provision(existing, "secret-" + existing);
    String missing = uniqueNumber();
    try (RawSip raw = new RawSip(SIP_PORT)) {
      for (String method : List.of("REGISTER", "INVITE")) {
        String forExisting = shape(guess(raw, method, existing, "not-the-password"));
        String forMissing = shape(guess(raw, method, missing, "not-the-password"));
        assertEquals(forExisting, forMissing, method + " with a wrong password");
        assertEquals(shape(unauthenticated(raw, method, existing)), shape(unauthenticated(raw, method, missing)),
            method + " without credentials");
      }
    }
  }

  @Test
  void aPasswordGuesserIsLockedOutAndItsSourceBannedUntilAnOperatorLiftsThem() {
    String victim = uniqueNumber();
    api.provision(victim, "secret-" + victim);
    try (RawSip guesser = new RawSip(SIP_PORT, GUESSER); RawSip phone = new RawSip(SIP_PORT)) {
      for (int i = 0; i < 10; i++) {
        assertTrue(guess(guesser, "REGISTER", victim, "guess-" + i).startsWith("SIP/2.0 401"));
      }
      assertTrue(register(phone, victim, "secret-" + victim).startsWith("SIP/2.0 401"),
          "locked out even with the right password");
      JsonNode userBan = ban("user", victim).orElseThrow(() -> new AssertionError(bans()));
      assertEquals("auth-failures", userBan.path("cause").asText());
      assertTrue(ban("source", GUESSER).isPresent(), bans().toString());
      assertNull(options(guesser, 1000), "the guessing source gets no answer at all");
      assertTrue(failedAuthentications() >= 10);

      assertEquals(204, api.delete("/api/v1/bans/user/" + victim).statusCode());
      assertTrue(register(phone, victim, "secret-" + victim).startsWith("SIP/2.0 200"), "lifted");
      assertEquals(204, api.delete("/api/v1/bans/source/" + GUESSER).statusCode());
      assertNotNull(options(guesser, (int) TIMEOUT), "the source is let in again");
      assertEquals(404, api.delete("/api/v1/bans/source/" + GUESSER).statusCode());
    }
  }

  @Test
  void aFloodingSourceIsBannedWithinTwoSecondsWhileOtherSourcesKeepRegisteringAndCalling() throws Exception {
    Path users = officeUsers(20);
    Party alice = caller();
    Party bob = callee();
    Process office = sipp("register-digest.xml", OFFICE, "-inf", users.toString(), "-m", "20", "-r", "5");
    Instant floodStart = Instant.now();
    Process flood = sipp("options-flood.xml", FLOODER, "-m", "3000", "-r", "1000");
    try {
      JsonNode ban = new FluentWait<>(this).withTimeout(Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
          .withMessage(() -> "no ban on the flooding source: " + bans())
          .until(t -> t.ban("source", FLOODER).orElse(null));
      Duration toBan = Duration.between(floodStart, Instant.parse(ban.path("since").asText()));
      assertTrue(toBan.compareTo(Duration.ofSeconds(2)) <= 0, "banned after " + toBan);
      assertEquals("flood", ban.path("cause").asText());

      Established call = establish(alice, bob);
      hangUp(call);
      assertTrue(office.waitFor(60, TimeUnit.SECONDS), "the office's registrations did not finish");
      String out = Files.readString(dir.resolve("sipp-" + OFFICE + ".out"));
      assertEquals(0, office.exitValue(), "the office's registrations failed:\n" + out);
      assertTrue(out.matches("(?s).*Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*20\\b.*"), out);
      try (RawSip flooder = new RawSip(SIP_PORT, FLOODER)) {
        assertNull(options(flooder, 1000), "the banned source gets no answer");
      }
      assertTrue(ban("source", OFFICE).isEmpty(), bans().toString());
    } finally {
      flood.destroy();
      office.destroy();
      api.delete("/api/v1/bans/source/" + FLOODER);
    }
  }

  @Test
  void aDrainedNodeRefusesNewCallsAndRegistrationsWith503ButEndsCallsUnderWay() {
    Party alice = caller();
    Party bob = callee();
    Established call = establish(alice, bob);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      assertEquals(200, api.put("/api/v1/overload", "{\"draining\":true}").statusCode());
      String refused = unauthenticated(raw, "REGISTER", alice.number());
      assertTrue(refused.startsWith("SIP/2.0 503"), refused);
      assertTrue(refused.contains("\nRetry-After: 10"), refused);
      String another = unauthenticated(raw, "INVITE", bob.number());
      assertTrue(another.startsWith("SIP/2.0 503"), another);
      assertTrue(json(api.get("/api/v1/overload")).path("draining").asBoolean());
      hangUp(call);
    } finally {
      assertEquals(200, api.put("/api/v1/overload", "{\"draining\":false}").statusCode());
    }
    hangUp(establish(alice, bob));
    assertField(api.put("/api/v1/overload", "{\"draining\":\"yes\"}"), "draining");
  }

  @Test
  void unknownMethodsAreAnswered405AndNeverRelayedToTheirRouteOrRequestUri() throws Exception {
    try (java.net.DatagramSocket victim = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        RawSip raw = new RawSip(SIP_PORT)) {
      victim.setSoTimeout(1000);
      for (String method : List.of("FOO", "X-RELAY-ME", "SUBSCRIBE")) {
        raw.send(raw.request(method, "sip:victim@127.0.0.1:" + victim.getLocalPort(), "a", "victim",
            "relay-" + method, 1) + "Route: <sip:127.0.0.1:" + victim.getLocalPort() + ";lr>\nContact: <sip:a@127.0.0.1:"
            + raw.localPort() + ">\nContent-Length: 0\n\n");
        String answer = raw.awaitFinalResponse((int) TIMEOUT);
        assertNotNull(answer, method);
        assertTrue(answer.startsWith("SIP/2.0 405 "), answer);
        assertTrue(answer.contains("\nAllow: "), answer);
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65535], 65535);
        assertThrows(java.net.SocketTimeoutException.class, () -> victim.receive(p), method + " was relayed");
      }
    }
  }

  /** A request with credentials for a wrong password (answering a fresh challenge): the answer to it. */
  private static String guess(RawSip raw, String method, String user, String password) {
    String callId = "guess-" + System.nanoTime();
    return "REGISTER".equals(method) ? register(raw, user, password)
        : raw.sendAuthenticated(cseq -> raw.request("INVITE", "sip:1@" + Phones.DOMAIN, user, "1", callId, cseq)
            + "Contact: <sip:" + user + "@127.0.0.1:" + raw.localPort() + ">\n", "INVITE", "sip:1@" + Phones.DOMAIN,
            user, password);
  }

  private static String register(RawSip raw, String user, String password) {
    String callId = "reg-" + System.nanoTime();
    return raw.sendAuthenticated(cseq -> raw.request("REGISTER", "sip:" + Phones.DOMAIN, user, user, callId, cseq)
        + "Contact: <sip:" + user + "@127.0.0.1:" + raw.localPort() + ">\n", "REGISTER", "sip:" + Phones.DOMAIN,
        user, password);
  }

  private static String unauthenticated(RawSip raw, String method, String user) {
    String uri = "REGISTER".equals(method) ? "sip:" + Phones.DOMAIN : "sip:1@" + Phones.DOMAIN;
    raw.send(raw.request(method, uri, user, "REGISTER".equals(method) ? user : "1", "noauth-" + System.nanoTime(), 1)
        + "Contact: <sip:" + user + "@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
    String answer = raw.awaitFinalResponse((int) TIMEOUT);
    assertNotNull(answer, method + " for " + user + " was not answered");
    return answer;
  }

  private static String options(RawSip raw, int timeoutMs) {
    raw.send(raw.request("OPTIONS", "sip:" + Phones.DOMAIN, "ops", "ops", "opt-" + System.nanoTime(), 1)
        + "Content-Length: 0\n\n");
    return raw.awaitFinalResponse(timeoutMs);
  }

  /**
   * What a scanner can compare: the status line, the header names, and the challenges without their nonces
   * (the values that echo the request are left out).
   */
  private static String shape(String response) {
    String[] lines = response.split("\r\n");
    TreeSet<String> names = new TreeSet<>();
    StringBuilder challenges = new StringBuilder();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("SIP/2.0")) {
        String name = line.substring(0, colon);
        names.add(name);
        if (name.endsWith("Authenticate")) {
          challenges.append(line.replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")).append('\n');
        }
      }
    }
    return lines[0] + "\n" + names + "\n" + challenges;
  }

  private Optional<JsonNode> ban(String kind, String key) {
    for (JsonNode b : bans()) {
      if (kind.equals(b.path("kind").asText()) && key.equals(b.path("key").asText())) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private JsonNode bans() {
    return json(api.get("/api/v1/bans"));
  }

  private double failedAuthentications() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^pbx_security_auth_failures_total (\\S+)$")
        .matcher(api.get("/metrics").body());
    assertTrue(m.find(), "the metric is exposed");
    return Double.parseDouble(m.group(1));
  }

  private Path officeUsers(int count) throws IOException {
    StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
    for (int i = 0; i < count; i++) {
      String ext = uniqueNumber();
      api.provision(ext, "office-" + ext);
      inf.append(ext).append(";[authentication username=").append(ext).append(" password=office-").append(ext)
          .append("]\n");
    }
    return Files.writeString(dir.resolve("office.csv"), inf, StandardCharsets.UTF_8);
  }

  private Process sipp(String scenario, String source, String... more) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        "sipp", "-sf", Path.of(System.getProperty("pbx.sipp.dir"), scenario).toString(), SERVER + ":" + SIP_PORT,
        "-i", source, "-p", String.valueOf(FreePorts.next()), "-timeout", "30", "-timeout_error", "-nostdin"));
    command.addAll(List.of(more));
    return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sipp-" + source + ".out").toFile()).start();
  }
}
