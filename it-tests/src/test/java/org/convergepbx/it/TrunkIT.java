package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.cafesip.sipunit.SipTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Three servers on loopback, each a {@code pbx-server.jar} with its own ports and data directory: site A
 * (extension 1001), site C (extensions 3001, 3002) and the routing hub between them. Calls go from A to C
 * through the hub and directly, fail over to the next trunk when a peer is silent, and do not fail over on a
 * 486; a peer from an unknown address is refused.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TrunkIT {
  private static final long TIMEOUT = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataA;
  @TempDir static Path dataHub;
  @TempDir static Path dataC;

  private static PbxServerProcess a;
  private static PbxServerProcess hub;
  private static PbxServerProcess c;
  private static Phones phonesA;
  private static Phones phonesC;
  private static SipPhone alice;
  private static SipPhone carol;
  private static final PhoneAudio SDP = new PhoneAudio();

  /** A fixed SDP offer: the servers pass it on unchanged. */
  private static final class PhoneAudio {
    String offer(int port) {
      return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }
  }

  @BeforeAll
  static void threeServers() {
    a = new PbxServerProcess(dataA, FreePorts.next(), FreePorts.next(), Map.of()).start();
    hub = new PbxServerProcess(dataHub, FreePorts.next(), FreePorts.next(), Map.of()).start();
    c = new PbxServerProcess(dataC, FreePorts.next(), FreePorts.next(), Map.of()).start();
    int dead = FreePorts.next();

    a.api().provision("1001", "secret-1001");
    put(a, "/api/v1/trunks/hub", trunk(hub));
    put(a, "/api/v1/trunks/c-direct", trunk(c));
    put(a, "/api/v1/trunks/dead", "{\"host\":\"127.0.0.1\",\"port\":" + dead + ",\"keepalive\":0}");
    put(a, "/api/v1/routes/outbound/sites", route(10, "", "3XXX", "hub"));
    put(a, "/api/v1/routes/outbound/direct-c", route(20, "9", "3XXX", "dead\",\"c-direct"));
    put(a, "/api/v1/routes/outbound/busy-test", route(30, "8", "3XXX", "c-direct\",\"hub"));

    put(hub, "/api/v1/trunks/a", trunk(a));
    put(hub, "/api/v1/trunks/c", trunk(c));
    put(hub, "/api/v1/routes/outbound/site-a", route(10, "", "1XXX", "a"));
    put(hub, "/api/v1/routes/outbound/site-c", route(20, "", "3XXX", "c"));

    c.api().provision("3001", "secret-3001");
    c.api().provision("3002", "secret-3002");
    put(c, "/api/v1/trunks/hub", trunk(hub));
    put(c, "/api/v1/trunks/a-direct", trunk(a));
    put(c, "/api/v1/routes/inbound/5553000", "{\"destination\":\"extension:3002\",\"description\":\"reception\"}");

    phonesA = new Phones("127.0.0.1", a.sipPort());
    phonesC = new Phones("127.0.0.1", c.sipPort());
    alice = phonesA.phone("1001", "secret-1001");
    carol = phonesC.phone("3001", "secret-3001");
    assertTrue(carol.register("3001", "secret-3001", null, 600, TIMEOUT), carol.format());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable x : new AutoCloseable[] {phonesA, phonesC, a, hub, c}) {
      try {
        if (x != null) {
          x.close();
        }
      } catch (Exception e) {
        // the next one is still closed
      }
    }
  }

  @Test
  void aCallFromSiteAReachesSiteCThroughTheHubAndEveryRecordNamesItsTrunk() {
    SipCall in = listen(carol);
    SipCall out = phonesA.dial(alice, "1001", "secret-1001", "sip:3001@" + Phones.DOMAIN, SDP.offer(40000));
    assertTrue(in.waitForIncomingCall(TIMEOUT), "3001 at site C rings: " + in.format());
    String offer = new String(in.getLastReceivedRequest().getRawContent(), StandardCharsets.UTF_8);
    assertTrue(offer.contains("m=audio 40000 "), "the caller's SDP passes both trunks unchanged: " + offer);
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    assertTrue(in.sendIncomingCallResponse(200, "OK", 0, SDP.offer(40002), "application", "sdp", null, null),
        in.format());
    assertEquals(200, finalResponse(out), out.format());
    String answer = new String(out.getLastReceivedResponse().getRawContent(), StandardCharsets.UTF_8);
    assertTrue(answer.contains("m=audio 40002 "), "the callee's SDP comes back: " + answer);
    assertTrue(out.sendInviteOkAck(), out.format());
    assertTrue(in.waitForAck(TIMEOUT), in.format());
    assertTrue(out.disconnect(), out.format());
    assertTrue(in.waitForDisconnect(TIMEOUT), in.format());
    assertTrue(in.respondToDisconnect(), in.format());

    JsonNode atA = closedRecord(a, "1001", "3001");
    assertEquals("hub", atA.path("trunk").asText(), atA.toString());
    assertEquals("ANSWERED", atA.path("disposition").asText(), atA.toString());
    JsonNode atHub = closedRecord(hub, "1001", "3001");
    assertEquals("c", atHub.path("trunk").asText(), "the hub's record names the trunk the call went out on: " + atHub);
    assertEquals("from-trunk", atHub.path("dcontext").asText(), atHub.toString());
    assertTrue(atHub.path("channel").asText().startsWith("SIP/a-"), "and the channel the one it came in on: " + atHub);
    JsonNode atC = closedRecord(c, "1001", "3001");
    assertEquals("hub", atC.path("trunk").asText(), atC.toString());
    assertEquals("ANSWERED", atC.path("disposition").asText(), atC.toString());
  }

  @Test
  void aSilentPeerFailsOverToTheNextTrunkWhichGoesDirectlyToSiteC() {
    SipCall in = listen(carol);
    long dialled = System.nanoTime();
    SipCall out = phonesA.dial(alice, "1001", "secret-1001", "sip:93001@" + Phones.DOMAIN, SDP.offer(40010));
    assertTrue(in.waitForIncomingCall(3 * TIMEOUT), "after the dead trunk, c-direct rings 3001: " + in.format());
    long afterMs = (System.nanoTime() - dialled) / 1_000_000;
    assertTrue(afterMs >= 3500, "the dead peer was given its 4 s first: " + afterMs + " ms");
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertEquals(486, finalResponse(out), out.format());
    JsonNode atA = closedRecord(a, "1001", "93001");
    assertEquals("c-direct", atA.path("trunk").asText(), atA.toString());
  }

  @Test
  void optionsProbesMarkASilentTrunkDownWithinTwoIntervalsAndCallsSkipIt() {
    JsonNode hubStatus = new FluentWait<>(a).withTimeout(Duration.ofSeconds(5)).pollingEvery(Duration.ofMillis(100))
        .until(s -> {
          JsonNode t = json(s.api().get("/api/v1/trunks/hub"));
          return t.path("status").path("state").asText().equals("UP") ? t : null;
        });
    assertTrue(hubStatus.path("status").path("rttMs").asLong() >= 0, hubStatus.toString());

    long created = System.nanoTime();
    put(a, "/api/v1/trunks/silent", "{\"host\":\"127.0.0.1\",\"port\":" + FreePorts.next() + ",\"keepalive\":1}");
    put(a, "/api/v1/routes/outbound/silent-first", route(50, "7", "3XXX", "silent\",\"c-direct"));
    new FluentWait<>(a).withTimeout(Duration.ofSeconds(6)).pollingEvery(Duration.ofMillis(100))
        .withMessage(() -> "the silent trunk is marked down: " + a.api().get("/api/v1/trunks/silent").body())
        .until(s -> json(s.api().get("/api/v1/trunks/silent")).path("status").path("state").asText().equals("DOWN"));
    long downMs = (System.nanoTime() - created) / 1_000_000;
    assertTrue(downMs <= 4000, "down within two 1 s intervals (plus the first probe's tick): " + downMs + " ms");

    SipCall in = listen(carol);
    long dialled = System.nanoTime();
    SipCall out = phonesA.dial(alice, "1001", "secret-1001", "sip:73001@" + Phones.DOMAIN, SDP.offer(40040));
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    long rangMs = (System.nanoTime() - dialled) / 1_000_000;
    assertTrue(rangMs < 3000, "the down trunk is skipped, not waited for: " + rangMs + " ms");
    assertTrue(in.sendIncomingCallResponse(480, "Temporarily Unavailable", 0), in.format());
    assertEquals(480, finalResponse(out), out.format());
  }

  @Test
  void aTrunkCarriesNoMoreCallsThanItsMaximumChannels() {
    put(a, "/api/v1/trunks/c-one", "{\"host\":\"127.0.0.1\",\"port\":" + c.sipPort() + ",\"maxChannels\":1,"
        + "\"keepalive\":0}");
    put(a, "/api/v1/routes/outbound/one", route(60, "6", "3XXX", "c-one"));
    SipCall in = listen(carol);
    SipCall first = phonesA.dial(alice, "1001", "secret-1001", "sip:63001@" + Phones.DOMAIN, SDP.offer(40050));
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(180, "Ringing", 0), in.format());
    assertEquals(1, json(a.api().get("/api/v1/trunks/c-one")).path("status").path("calls").asInt());
    SipCall second = phonesA.dial(alice, "1001", "secret-1001", "sip:63001@" + Phones.DOMAIN, SDP.offer(40052));
    assertEquals(503, finalResponse(second), "the route's only trunk is full: " + second.format());
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertEquals(486, finalResponse(first), first.format());
    new FluentWait<>(a).withTimeout(Duration.ofSeconds(5)).pollingEvery(Duration.ofMillis(100))
        .until(s -> json(s.api().get("/api/v1/trunks/c-one")).path("status").path("calls").asInt() == 0);
    SipCall again = listen(carol);
    SipCall third = phonesA.dial(alice, "1001", "secret-1001", "sip:63001@" + Phones.DOMAIN, SDP.offer(40054));
    assertTrue(again.waitForIncomingCall(TIMEOUT), "the channel is free again: " + again.format());
    assertTrue(again.sendIncomingCallResponse(486, "Busy Here", 0), again.format());
    assertEquals(486, finalResponse(third), third.format());
  }

  @Test
  void aTrunkRegistersToItsPeerWithASecretAndAWrongSecretFails() {
    c.api().provision("2999", "site-a-secret");
    put(a, "/api/v1/trunks/c-reg", "{\"host\":\"127.0.0.1\",\"port\":" + c.sipPort() + ",\"keepalive\":0,"
        + "\"register\":\"2999:site-a-secret@127.0.0.1:" + c.sipPort() + "\"}");
    JsonNode trunk = new FluentWait<>(a).withTimeout(Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
        .withMessage(() -> "registered: " + a.api().get("/api/v1/trunks/c-reg").body())
        .until(s -> {
          JsonNode t = json(s.api().get("/api/v1/trunks/c-reg"));
          return t.path("status").path("registration").path("state").asText().equals("REGISTERED") ? t : null;
        });
    assertEquals("2999@127.0.0.1:" + c.sipPort(), trunk.path("register").asText(), "never the secret: " + trunk);
    assertFalse(trunk.toString().contains("site-a-secret"), trunk.toString());
    JsonNode atC = json(c.api().get("/api/v1/extensions/2999"));
    assertTrue(atC.path("registrations").toString().contains("127.0.0.1:" + a.sipPort()),
        "site C has site A's contact for 2999: " + atC);

    put(a, "/api/v1/trunks/c-bad", "{\"host\":\"127.0.0.1\",\"port\":" + c.sipPort() + ",\"keepalive\":0,"
        + "\"register\":\"2999:wrong-secret@127.0.0.1:" + c.sipPort() + "\"}");
    JsonNode bad = new FluentWait<>(a).withTimeout(Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
        .until(s -> {
          JsonNode t = json(s.api().get("/api/v1/trunks/c-bad"));
          return t.path("status").path("registration").path("state").asText().equals("FAILED") ? t : null;
        });
    assertTrue(bad.path("status").path("registration").path("lastError").asText().startsWith("40"), bad.toString());
    assertEquals(204, a.api().delete("/api/v1/trunks/c-bad").statusCode());
  }

  @Test
  void aPeerThatAuthenticatesWithATrunksCredentialsIsThatTrunk() {
    put(c, "/api/v1/trunks/x", "{\"host\":\"127.0.0.1\",\"port\":" + FreePorts.next() + ",\"keepalive\":0,"
        + "\"username\":\"site-x-peer\",\"secret\":\"peer-secret-x\"}");
    put(c, "/api/v1/routes/inbound/5553001", "{\"destination\":\"extension:3001\"}");
    SipPhone peer = phonesC.phone("site-x-peer", "peer-secret-x");
    SipCall in = listen(carol);
    SipCall out = phonesC.dial(peer, "site-x-peer", "peer-secret-x", "sip:5553001@" + Phones.DOMAIN);
    assertTrue(in.waitForIncomingCall(TIMEOUT), "digest as trunk x, DID 5553001 -> 3001: " + in.format());
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertEquals(486, finalResponse(out), out.format());
    JsonNode atC = closedRecord(c, "site-x-peer", "5553001");
    assertEquals("x", atC.path("trunk").asText(), atC.toString());
    assertEquals("from-trunk", atC.path("dcontext").asText(), atC.toString());

    SipPhone wrong = phonesC.phone("site-x-peer", "not-the-secret");
    SipCall refused = phonesC.dial(wrong, "site-x-peer", "not-the-secret", "sip:5553001@" + Phones.DOMAIN);
    assertEquals(407, finalResponse(refused), "a wrong secret is no trunk: " + refused.format());
  }

  @Test
  void aBusyCalleeDoesNotFailOver() {
    int hubRecords = records(hub, "1001").size();
    SipCall in = listen(carol);
    SipCall out = phonesA.dial(alice, "1001", "secret-1001", "sip:83001@" + Phones.DOMAIN, SDP.offer(40020));
    assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
    assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
    assertEquals(486, finalResponse(out), "the callee's 486 reaches the caller: " + out.format());
    assertEquals(hubRecords, records(hub, "1001").size(), "the second trunk (the hub) was never tried");
    JsonNode atA = closedRecord(a, "1001", "83001");
    assertEquals("BUSY", atA.path("disposition").asText(), atA.toString());
  }

  @Test
  void anInboundRouteSendsADidToItsDestinationAndUnknownPeersMustAuthenticate() {
    SipPhone reception = phonesC.phone("3002", "secret-3002");
    assertTrue(reception.register("3002", "secret-3002", null, 600, TIMEOUT), reception.format());
    put(a, "/api/v1/routes/outbound/did", route(40, "", "5553000", "c-direct"));
    SipCall in = listen(reception);
    SipCall out = phonesA.dial(alice, "1001", "secret-1001", "sip:5553000@" + Phones.DOMAIN, SDP.offer(40030));
    assertTrue(in.waitForIncomingCall(TIMEOUT), "the DID's inbound route rings 3002: " + in.format());
    assertTrue(in.sendIncomingCallResponse(603, "Decline", 0), in.format());
    assertEquals(603, finalResponse(out), out.format());

    SipPhone stranger = phonesC.phone("9999", "not-a-secret");
    SipCall probe = phonesC.dial(stranger, "9999", "not-a-secret", "sip:3001@" + Phones.DOMAIN);
    assertEquals(407, finalResponse(probe), "a peer from an unknown address is not a trunk: " + probe.format());
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(r.body(), e);
    }
  }

  private static SipCall listen(SipPhone phone) {
    SipCall in = phone.createSipCall();
    assertTrue(in.listenForIncomingCall(), in.format());
    return in;
  }

  private static String trunk(PbxServerProcess peer) {
    return "{\"host\":\"127.0.0.1\",\"port\":" + peer.sipPort() + ",\"inboundAddresses\":[\"127.0.0.1:"
        + peer.sipPort() + "\"]}";
  }

  private static String route(int position, String prefix, String match, String trunks) {
    return "{\"position\":" + position + ",\"patterns\":[{\"prefix\":\"" + prefix + "\",\"match\":\"" + match
        + "\"}],\"trunks\":[\"" + trunks + "\"]}";
  }

  private static void put(PbxServerProcess server, String path, String body) {
    server.api().putOk(path, body);
  }


  private static List<JsonNode> records(PbxServerProcess server, String src) {
    try {
      JsonNode page = JSON.readTree(server.api().get("/api/v1/cdr?size=100&src=" + src).body());
      List<JsonNode> list = new java.util.ArrayList<>();
      page.path("records").forEach(list::add);
      return list;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The server's closed record of the call from {@code src} to {@code dst} (waited for: the end is written last). */
  private static JsonNode closedRecord(PbxServerProcess server, String src, String dst) {
    return new FluentWait<>(server)
        .withTimeout(Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(100))
        .withMessage(() -> "a closed record " + src + " -> " + dst + ": " + records(server, src))
        .until(s -> records(s, src).stream()
            .filter(r -> r.path("dst").asText().equals(dst) && r.path("state").asText().equals("CLOSED"))
            .findFirst().orElse(null));
  }

  private static int finalResponse(SipCall call) {
    return Phones.finalResponse(call, 4 * TIMEOUT);
  }

}
