package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overload thresholds as ops set them, on a server started as ops start it: with the threshold of requests
 * in progress at 1 every new REGISTER and INVITE is over it and gets 503 with the configured Retry-After, while
 * other requests are answered; the status and the metric show it. A defence setting that makes no sense stops
 * the start with a message naming it.
 */
class OverloadIT {
  @TempDir Path dir;

  @Test
  void overThresholdNewRegistrationsAndCallsGet503WithRetryAfterAndOtherRequestsAreServed() throws Exception {
    try (PbxServerProcess server = new PbxServerProcess(dir.resolve("pbx"), FreePorts.next(), FreePorts.next(),
            Map.of("PBX_OVERLOAD_PENDING", "1", "PBX_OVERLOAD_RETRY_AFTER", "7")).start();
        RawSip raw = new RawSip(server.sipPort())) {
      for (String method : new String[] {"REGISTER", "INVITE"}) {
        raw.send(raw.request(method, "sip:1000@" + Phones.DOMAIN, "1000", "1000", "busy-" + method, 1)
            + "Contact: <sip:1000@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
        String answer = raw.awaitFinalResponse(5000);
        assertNotNull(answer, method);
        assertTrue(answer.startsWith("SIP/2.0 503 "), answer);
        assertTrue(answer.contains("\nRetry-After: 7\r"), answer);
      }
      raw.send(raw.request("OPTIONS", "sip:" + Phones.DOMAIN, "ops", "ops", "still-alive", 1) + "Content-Length: 0\n\n");
      String options = raw.awaitFinalResponse(5000);
      assertNotNull(options);
      assertTrue(options.startsWith("SIP/2.0 200"), options);

      JsonNode status = new ObjectMapper().readTree(server.api().get("/api/v1/overload").body());
      assertTrue(status.path("overloaded").asBoolean(), status.toString());
      assertEquals("1 requests in progress", status.path("reason").asText(), status.toString());
      assertEquals(7, status.path("thresholds").path("retryAfterSeconds").asInt(), status.toString());
      String metrics = server.api().get("/metrics").body();
      assertTrue(metrics.contains("pbx_overload_refusals_total 2.0"), metrics);
    }
  }

  @Test
  void aDefenceSettingThatMakesNoSenseStopsTheStartNamingIt() {
    PbxServerProcess server = new PbxServerProcess(dir.resolve("bad"), FreePorts.next(), FreePorts.next(),
        Map.of("PBX_SECURITY_ALLOW", "10.0.0.0/8,office-network"));
    server.launch();
    assertNotEquals(0, server.awaitExit(60), server.output());
    assertTrue(server.output().contains("PBX_SECURITY_ALLOW: 'office-network' is not an address or CIDR block"),
        server.output());
  }
}
