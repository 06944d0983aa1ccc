package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipTransaction;
import org.junit.jupiter.api.Test;

/**
 * The server keeps both legs of every call (back-to-back), so it can end calls itself: an administrator hangs
 * a live call up over HTTP, and a call nobody answers is given up after the ring time (PBX_RING_TIMEOUT, 8 s in
 * these tests).
 */
class LiveCallControlIT extends ContainerTest {
  private static final int RING_TIMEOUT_MS = 8000;

  @Test
  void administratorHangsUpAnAnsweredCall() {
    Party alice = caller();
    Party bob = callee();
    Established call = establish(alice, bob);
    String path = "/api/v1/calls/" + URLEncoder.encode(callIdOf(call.out()), StandardCharsets.UTF_8);

    AdminApi manager = manager();
    assertEquals(403, manager.delete(path).statusCode(), "a manager only reads live calls");
    assertTrue(call.out().listenForDisconnect(), call.out().format());
    assertTrue(call.in().listenForDisconnect(), call.in().format());
    HttpResponse<String> hangUp = api.delete(path);
    assertEquals(202, hangUp.statusCode(), hangUp.body());

    for (SipCall side : new SipCall[] {call.out(), call.in()}) {
      assertTrue(side.waitForDisconnect(TIMEOUT), "both sides get a BYE: " + side.format());
      assertTrue(side.respondToDisconnect(), side.format());
    }
    assertEquals(404, api.delete(path).statusCode(), "the call is no longer live");
    assertFalse(api.get("/api/v1/calls").body().contains("\"callee\":\"" + bob.number() + "\""));

    JsonNode r = closedRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertNotNull(r.path("end").textValue(), r.toString());
  }

  @Test
  void administratorHangsUpARingingCall() {
    Party alice = caller();
    Established call = offer(alice, callee());
    assertTrue(call.in().sendIncomingCallResponse(180, "Ringing", 0), call.in().format());
    awaitStatus(call.out(), 180);

    HttpResponse<String> hangUp =
        api.delete("/api/v1/calls/" + URLEncoder.encode(callIdOf(call.out()), StandardCharsets.UTF_8));
    assertEquals(202, hangUp.statusCode(), hangUp.body());

    answerCancel(call.in(), RING_TIMEOUT_MS + TIMEOUT);
    assertEquals(480, finalResponse(call.out()), call.out().format());
    JsonNode r = closedRecordOf(alice);
    assertEquals("NO ANSWER", r.path("disposition").asText(), r.toString());
    assertEquals(480, r.path("sipCode").asInt(), r.toString());
  }

  @Test
  void unknownCallCannotBeHungUp() {
    assertEquals(404, api.delete("/api/v1/calls/no-such-call-id").statusCode());
    java.net.http.HttpResponse<String> collection = api.delete("/api/v1/calls");
    assertEquals(405, collection.statusCode());
    assertEquals("GET", collection.headers().firstValue("Allow").orElse(""), "a 405 says what is allowed");
  }

  @Test
  void unansweredCallIsGivenUpAfterTheRingTime() {
    Party alice = caller();
    Established call = offer(alice, callee());
    long rang = System.nanoTime();
    assertTrue(call.in().sendIncomingCallResponse(180, "Ringing", 0), call.in().format());

    answerCancel(call.in(), RING_TIMEOUT_MS + TIMEOUT);
    long waitedMs = (System.nanoTime() - rang) / 1_000_000;
    assertEquals(480, finalResponse(call.out()), call.out().format());
    assertTrue(
        waitedMs >= RING_TIMEOUT_MS - 500 && waitedMs <= RING_TIMEOUT_MS + 1500,
        "the phone rang " + waitedMs + " ms for a ring time of " + RING_TIMEOUT_MS + " ms");
    JsonNode r = closedRecordOf(alice);
    assertEquals("NO ANSWER", r.path("disposition").asText(), r.toString());
  }

  private AdminApi manager() {
    String name = "mgr" + uniqueNumber();
    HttpResponse<String> created =
        api.post(
            "/api/v1/users",
            "{\"username\":\"" + name + "\",\"password\":\"manager-password\",\"role\":\"manager\"}",
            "application/json");
    assertEquals(201, created.statusCode(), created.body());
    return new AdminApi(api.base(), name, "manager-password");
  }


}
