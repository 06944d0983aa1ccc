package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lost CDR is lost money: with 20 calls up, the server is killed with SIGKILL; after a restart every one of
 * the 20 calls has a closed record, ended at its last-seen time and marked reconciled.
 */
class CrashRecoveryIT {
  private static final int CALLS = 20;
  private static final long TIMEOUT = 5000;

  @TempDir Path data;

  /**
   * The records of the killed calls, once none is open any more: orphans are reconciled at start and then at
   * every heartbeat, as soon as their last-seen time is three heartbeats old.
   */
  private static JsonNode awaitAllClosed(AdminApi api) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    JsonNode page;
    do {
      page = new ObjectMapper().readTree(api.get("/api/v1/cdr?size=100&src=60&srcMatch=prefix").body());
      boolean allClosed = true;
      for (JsonNode r : page.path("records")) {
        allClosed &= "CLOSED".equals(r.path("state").asText());
      }
      if (allClosed) {
        return page;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return page;
  }

  @Test
  void everyCallUpAtAKillHasAClosedReconciledRecordAfterRestart() throws Exception {
    int sip = FreePorts.next();
    int http = FreePorts.next();
    Map<String, String> env = Map.of("PBX_CDR_HEARTBEAT", "1");
    Set<String> callIds = new HashSet<>();
    try (Phones phones = new Phones("127.0.0.1", sip)) {
      try (PbxServerProcess first = new PbxServerProcess(data, sip, http, env).start()) {
        StringBuilder csv = new StringBuilder("number,name,secret\n");
        for (int i = 0; i < 2 * CALLS; i++) {
          csv.append(6000 + i).append(",Crash ").append(i).append(",crash-secret-").append(6000 + i).append('\n');
        }
        assertEquals(201, first.api().post("/api/v1/extensions/import", csv.toString(), "text/csv").statusCode());
        List<SipCall> callees = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
          String number = String.valueOf(6000 + CALLS + i);
          SipPhone callee = phones.phone(number, "crash-secret-" + number);
          assertTrue(callee.register(number, "crash-secret-" + number, null, 3600, TIMEOUT), callee.format());
          SipCall in = callee.createSipCall();
          assertTrue(in.listenForIncomingCall());
          callees.add(in);
        }
        for (int i = 0; i < CALLS; i++) {
          String caller = String.valueOf(6000 + i);
          SipPhone phone = phones.phone(caller, "crash-secret-" + caller);
          SipCall out =
              phones.dial(phone, caller, "crash-secret-" + caller, "sip:" + (6000 + CALLS + i) + "@" + Phones.DOMAIN);
          SipCall in = callees.get(i);
          assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
          assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
          assertTrue(out.waitForAnswer(TIMEOUT), out.format());
          assertTrue(out.sendInviteOkAck(), out.format());
          callIds.add(out.getLastReceivedResponse().getMessage().getHeader("Call-ID").toString().split(":")[1].trim());
        }
        JsonNode live = new ObjectMapper().readTree(first.api().get("/api/v1/calls").body());
        assertEquals(CALLS, live.size(), live.toString());

        first.kill();
      }
      Instant killedAt = Instant.now();

      try (PbxServerProcess second = new PbxServerProcess(data, sip, http, env).start()) {
        JsonNode page = awaitAllClosed(second.api());
        assertEquals(CALLS, page.path("total").asInt(), page.toString());
        Set<String> recorded = new HashSet<>();
        for (JsonNode r : page.path("records")) {
          recorded.add(r.path("callId").asText());
          assertEquals("CLOSED", r.path("state").asText(), r.toString());
          assertTrue(r.path("reconciled").asBoolean(), r.toString());
          assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
          Instant end = Instant.parse(r.path("end").asText());
          assertTrue(!end.isBefore(Instant.parse(r.path("answer").asText())), r.toString());
          assertTrue(!end.isAfter(killedAt), "ended no later than the kill: " + r);
        }
        assertEquals(callIds, recorded, "no call may be missing");
        phones.close();
      }
    }
  }
}
