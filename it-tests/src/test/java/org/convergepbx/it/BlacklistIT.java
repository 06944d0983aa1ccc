package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cafesip.sipunit.SipCall;
import org.junit.jupiter.api.Test;

/** Blacklisted callers are declined (603) or sent to the entry's destination, whatever they dial. */
class BlacklistIT extends ContainerTest {

  @Test
  void aBlacklistedCallerIsDeclinedAndRecorded() {
    Party pest = caller();
    Party bob = callee();
    assertEquals(201, api.put("/api/v1/blacklist/" + pest.number(), "{\"description\":\"nuisance\"}").statusCode());
    SipCall in = listen(List.of(bob)).get(0);

    assertEquals(603, finalResponse(dial(pest, bob.uri())));
    assertFalse(in.waitForIncomingCall(100), "the dialled phone does not ring");
    JsonNode r = closedRecordOf(pest);
    assertEquals(603, r.path("sipCode").asInt(), r.toString());
    assertEquals("FAILED", r.path("disposition").asText(), r.toString());

    assertEquals(204, api.delete("/api/v1/blacklist/" + pest.number()).statusCode());
    SipCall out = dial(pest, bob.uri());
    ring(in);
    answerAndHangUp(out, in);
  }

  @Test
  void aBlacklistedCallerCanBeSentToADestination() {
    Party pest = caller();
    Party bob = callee();
    Party security = callee();
    assertEquals(
        201,
        api.put("/api/v1/blacklist/" + pest.number(), "{\"destination\":\"extension:" + security.number() + "\"}")
            .statusCode());
    List<SipCall> ins = listen(List.of(bob, security));
    SipCall out = dial(pest, bob.uri());
    ring(ins.get(1));
    answerAndHangUp(out, ins.get(1));
    assertFalse(ins.get(0).waitForIncomingCall(100), "the dialled phone does not ring");
  }

  @Test
  void badEntriesAreRefusedNamingTheField() {
    assertField(api.put("/api/v1/blacklist/12ab", "{}"), "number");
    assertField(api.put("/api/v1/blacklist/0123456", "{\"destination\":\"ivr:1\"}"), "destination");
    assertField(api.put("/api/v1/blacklist/0123456", "{\"destination\":\"extension:99999999\"}"), "destination");
    assertField(api.put("/api/v1/blacklist/0123456", "{\"reason\":\"x\"}"), "reason");
    assertEquals(404, api.get("/api/v1/blacklist/0123456").statusCode());
    assertEquals(201, api.put("/api/v1/blacklist/+41225551234", "{\"description\":\"spam\"}").statusCode());
    JsonNode entry = json(api.get("/api/v1/blacklist/+41225551234"));
    assertEquals("decline", entry.path("destination").asText(), entry.toString());
    assertEquals(200, api.put("/api/v1/blacklist/+41225551234", "{\"destination\":\"busy\"}").statusCode());
    assertEquals(200, api.put("/api/v1/blacklist/+41225551234", "{\"destination\":\"decline\"}").statusCode(),
        "what a GET shows can be written back");
    assertEquals(204, api.delete("/api/v1/blacklist/+41225551234").statusCode());
    assertEquals(404, api.delete("/api/v1/blacklist/+41225551234").statusCode());
  }
}
