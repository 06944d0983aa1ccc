package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call whose BYE never comes does not last for ever: at PBX_MAX_CALL_DURATION (3 s here) the server hangs it
 * up on both sides and closes its record.
 */
class MaximumDurationIT {
  private static final long TIMEOUT = 5000;
  private static final int MAX_DURATION_S = 3;

  @TempDir Path data;

  @Test
  void callReachingTheMaximumDurationIsHungUpOnBothSides() throws Exception {
    int sip = FreePorts.next();
    Map<String, String> env = Map.of("PBX_MAX_CALL_DURATION", String.valueOf(MAX_DURATION_S));
    try (PbxServerProcess server = new PbxServerProcess(data, sip, FreePorts.next(), env).start();
        Phones phones = new Phones("127.0.0.1", sip)) {
      server.api().provision("7001", "duration-secret-1");
      server.api().provision("7002", "duration-secret-2");
      SipPhone callee = phones.phone("7002", "duration-secret-2");
      assertTrue(callee.register("7002", "duration-secret-2", null, 600, TIMEOUT), callee.format());
      SipCall in = callee.createSipCall();
      assertTrue(in.listenForIncomingCall());

      SipCall out =
          phones.dial(phones.phone("7001", "duration-secret-1"), "7001", "duration-secret-1", "sip:7002@" + Phones.DOMAIN);
      assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
      assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
      assertTrue(out.waitForAnswer(TIMEOUT), out.format());
      long answered = System.nanoTime();
      assertTrue(out.sendInviteOkAck(), out.format());
      assertTrue(in.waitForAck(TIMEOUT), in.format());
      assertTrue(out.listenForDisconnect(), out.format());
      assertTrue(in.listenForDisconnect(), in.format());

      for (SipCall side : new SipCall[] {in, out}) {
        assertTrue(side.waitForDisconnect(MAX_DURATION_S * 1000L + TIMEOUT), side.format());
        assertTrue(side.respondToDisconnect(), side.format());
      }
      long lastedMs = (System.nanoTime() - answered) / 1_000_000;
      assertTrue(lastedMs >= MAX_DURATION_S * 1000L - 500, "hung up after " + lastedMs + " ms");

      JsonNode page = new ObjectMapper().readTree(server.api().get("/api/v1/cdr?src=7001").body());
      assertEquals(1, page.path("total").asInt(), page.toString());
      JsonNode r = page.path("records").get(0);
      assertEquals("CLOSED", r.path("state").asText(), r.toString());
      assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
      int billsec = r.path("billsec").asInt();
      assertTrue(billsec >= MAX_DURATION_S - 1 && billsec <= MAX_DURATION_S + 1, r.toString());
    }
  }
}
