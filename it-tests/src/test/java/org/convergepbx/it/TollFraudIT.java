package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Toll-fraud limits, in the real container with a real SIP peer behind a trunk: a route's limits stop a burst of
 * calls to an expensive prefix (calls at once, then calls per minute), an international number does not go out
 * on a route until the administrator allows it, an extension's own limit of calls at once holds, and every trip
 * counts in the alert metric.
 */
class TollFraudIT extends ContainerTest {
  /** Routes and trunks made by a test, removed after it (routes first) so other tests' calls never meet them. */
  private final List<String> made = new ArrayList<>();

  @AfterEach
  void removeRoutesAndTrunks() {
    made.stream().sorted(java.util.Comparator.comparing((String p) -> !p.contains("/routes/")))
        .forEach(api::delete);
  }

  private void put(String path, String body) {
    api.putOk(path, body);
    made.add(path);
  }
  @Test
  void aRouteLimitStopsABurstOfCallsToAnExpensivePrefix() throws Exception {
    try (RingingPeer provider = new RingingPeer()) {
      String trunk = trunkTo(provider);
      String route = "premium-" + uniqueNumber();
      put("/api/v1/routes/outbound/" + route, "{\"position\":0,\"patterns\":[{\"match\":\"0900XXXX\"}],"
          + "\"trunks\":[\"" + trunk + "\"],\"maxCalls\":2,\"maxCallsPerMinute\":3}");
      JsonNode stored = json(api.get("/api/v1/routes/outbound/" + route));
      assertEquals(2, stored.path("maxCalls").asInt(), stored.toString());
      assertEquals(3, stored.path("maxCallsPerMinute").asInt(), stored.toString());
      assertEquals(false, stored.path("international").asBoolean(true), stored.toString());
      double tripsBefore = routeTrips();
      Party fraudster = caller();

      SipCall first = ringing(fraudster, "09001111");
      SipCall second = ringing(fraudster, "09002222");
      SipCall third = fromAnotherDevice(fraudster, "09003333");
      assertEquals(403, finalResponse(third), third.format());
      assertEquals("Call Limit Reached", third.getLastReceivedResponse().getReasonPhrase());
      assertEquals(List.of("09001111", "09002222"), provider.invitedNumbers(), "the third call never left");

      cancel(first);
      awaitEnded(fraudster, "09001111");
      SipCall fourth = ringing(fraudster, "09004444");
      cancel(fourth);
      cancel(second);
      SipCall fifth = fromAnotherDevice(fraudster, "09005555");
      assertEquals(403, finalResponse(fifth), "three calls were started this minute: " + fifth.format());
      assertEquals(List.of("09001111", "09002222", "09004444"), provider.invitedNumbers());
      assertEquals(tripsBefore + 2, routeTrips(), "each refused call counts in the alert metric");
    }
  }

  @Test
  void internationalNumbersGoOutOnlyOnceTheAdministratorAllowsTheRoute() throws Exception {
    try (RingingPeer provider = new RingingPeer()) {
      String trunk = trunkTo(provider);
      String route = "world-" + uniqueNumber();
      String body = "{\"position\":1,\"patterns\":[{\"match\":\"00.\"}],\"trunks\":[\"" + trunk + "\"]";
      put("/api/v1/routes/outbound/" + route, body + "}");
      Party caller = caller();

      SipCall refused = dial(caller, uriOf("0033123456"));
      assertEquals(403, finalResponse(refused), refused.format());
      assertEquals("International Calls Not Allowed", refused.getLastReceivedResponse().getReasonPhrase());
      assertTrue(provider.invitedNumbers().isEmpty());

      api.putOk("/api/v1/routes/outbound/" + route, body + ",\"international\":true}");
      SipCall allowed = ringing(caller, "0033123456");
      assertEquals(List.of("0033123456"), provider.invitedNumbers());
      cancel(allowed);
    }
  }

  @Test
  void anExtensionHasAtMostFourCallsAtOnce() throws Exception {
    try (RingingPeer provider = new RingingPeer()) {
      String trunk = trunkTo(provider);
      String route = "many-" + uniqueNumber();
      put("/api/v1/routes/outbound/" + route,
          "{\"position\":2,\"patterns\":[{\"match\":\"077XXXXX\"}],\"trunks\":[\"" + trunk + "\"]}");
      Party caller = caller();
      List<SipCall> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(ringing(caller, "0770000" + i));
      }
      SipCall fifth = fromAnotherDevice(caller, "07700005");
      assertEquals(403, finalResponse(fifth), fifth.format());
      assertEquals(4, provider.invitedNumbers().size());
      for (int i = 0; i < calls.size(); i++) {
        cancel(calls.get(i));
        awaitEnded(caller, "0770000" + i);
      }
      cancel(ringing(caller, "07700006"));
    }
  }

  @Test
  void routeLimitsAreValidatedAndNothingIsStoredOnABadOne() {
    String route = "/api/v1/routes/outbound/bad-" + uniqueNumber();
    String trunk = "t" + uniqueNumber();
    put("/api/v1/trunks/" + trunk, "{\"host\":\"127.0.0.1\",\"port\":5999}");
    String base = "{\"patterns\":[{\"match\":\"X.\"}],\"trunks\":[\"" + trunk + "\"]";
    assertField(api.put(route, base + ",\"maxCalls\":-1}"), "maxCalls");
    assertField(api.put(route, base + ",\"maxCallsPerMinute\":1000001}"), "maxCallsPerMinute");
    assertField(api.put(route, base + ",\"international\":\"yes\"}"), "international");
    assertEquals(404, api.get(route).statusCode(), "nothing was stored");
  }

  private String trunkTo(RingingPeer provider) {
    String trunk = "carrier" + uniqueNumber();
    put("/api/v1/trunks/" + trunk, "{\"host\":\"127.0.0.1\",\"port\":" + provider.port() + "}");
    return trunk;
  }

  /** A call from one more device of the caller's extension, ringing at the provider. */
  private SipCall ringing(Party caller, String number) {
    SipCall call = fromAnotherDevice(caller, number);
    awaitStatus(call, 180);
    return call;
  }

  /**
   * Each call from a device of its own, as a user with several phones would place them (one SipUnit phone
   * cancels the wrong call when it has several under way).
   */
  private SipCall fromAnotherDevice(Party caller, String number) {
    return phones.dial(phones.phone(caller.number(), caller.secret()), caller.number(), caller.secret(),
        uriOf(number));
  }

  /**
   * The caller gives up: the INVITE ends with 487. SipUnit hands the caller the 487 only once it has looked for
   * the CANCEL's own 200, which this peer's at-once answer can bring before SipUnit waits for it: that wait is
   * made, its outcome is not what the test is about.
   */
  private static void cancel(SipCall call) {
    SipTransaction cancel = call.sendCancel();
    assertNotNull(cancel, call.format());
    call.waitForCancelResponse(cancel, TIMEOUT);
    assertEquals(487, finalResponse(call), call.format());
  }

  /**
   * Waits until the server has ended the call from {@code caller} to {@code number}: its record is closed, and a
   * call frees its places under the limits before its record is closed. (The caller hears its 487 as soon as the
   * container has its CANCEL, a moment before.)
   */
  private void awaitEnded(Party caller, String number) {
    new FluentWait<>(api).withTimeout(java.time.Duration.ofSeconds(5)).pollingEvery(java.time.Duration.ofMillis(50))
        .withMessage(() -> "the call " + caller.number() + " -> " + number + " did not end")
        .until(a -> {
          JsonNode records = json(a.get("/api/v1/cdr?src=" + caller.number() + "&dst=" + number)).path("records");
          return records.size() == 1 && "CLOSED".equals(records.get(0).path("state").asText());
        });
  }

  private double routeTrips() {
    String metrics = api.get("/metrics").body();
    Matcher m = Pattern.compile("(?m)^pbx_security_limit_trips_total\\{scope=\"route\"\\} (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
