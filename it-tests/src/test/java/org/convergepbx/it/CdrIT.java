package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every call attempt leaves a call detail record, and managers read them over HTTP. */
class CdrIT extends ContainerTest {

  @Test
  void answeredCallIsRecordedWithItsTimes() {
    Party alice = caller();
    Party bob = callee();
    Established call = establish(alice, bob);
    hangUp(call);

    JsonNode r = onlyRecordOf(alice);
    assertEquals("ANSWERED", r.path("disposition").asText(), r.toString());
    assertEquals("CLOSED", r.path("state").asText());
    assertEquals(bob.number(), r.path("dst").asText());
    assertEquals(200, r.path("sipCode").asInt());
    assertEquals("from-internal", r.path("dcontext").asText());
    assertEquals("Dial", r.path("lastapp").asText());
    assertTrue(r.path("clid").asText().endsWith("<" + alice.number() + ">"), r.toString());
    assertTrue(r.path("channel").asText().startsWith("SIP/" + alice.number() + "-"), r.toString());
    assertTrue(r.path("dstchannel").asText().startsWith("SIP/" + bob.number()), r.toString());
    assertNotNull(r.path("answer").textValue(), r.toString());
    assertTrue(r.path("duration").asInt() >= r.path("billsec").asInt(), r.toString());
    assertEquals(call.out().getLastReceivedResponse().getMessage().getHeader("Call-ID").toString().split(":")[1].trim(),
        r.path("callId").asText());
    assertTrue(r.path("source").asText().startsWith("127.0.0.1:"), r.toString());
  }

  @Test
  void busyCallIsRecordedBusy() {
    Party alice = caller();
    answerBusy(offer(alice, callee()));

    JsonNode r = onlyRecordOf(alice);
    assertEquals("BUSY", r.path("disposition").asText(), r.toString());
    assertEquals(486, r.path("sipCode").asInt());
    assertEquals(0, r.path("billsec").asInt());
  }

  @Test
  void cancelledCallIsRecordedNoAnswer() {
    Party alice = caller();
    cancelWhileRinging(offer(alice, callee()));

    JsonNode r = onlyRecordOf(alice);
    assertEquals("NO ANSWER", r.path("disposition").asText(), r.toString());
    assertEquals(487, r.path("sipCode").asInt());
  }

  @Test
  void refusedCallsAreRecordedToo() {
    Party alice = caller();
    assertEquals(404, finalResponse(dial(alice, "sip:" + uniqueNumber() + "77@" + Phones.DOMAIN)));
    String offline = uniqueNumber();
    api.provision(offline, "secret-" + offline);
    assertEquals(480, finalResponse(dial(alice, "sip:" + offline + "@" + Phones.DOMAIN)));

    JsonNode records = records("src=" + alice.number() + "&sort=start,asc");
    assertEquals(2, records.path("total").asInt(), records.toString());
    assertEquals("FAILED", records.path("records").get(0).path("disposition").asText());
    assertEquals(404, records.path("records").get(0).path("sipCode").asInt());
    assertEquals("NO ANSWER", records.path("records").get(1).path("disposition").asText());
    assertEquals(480, records.path("records").get(1).path("sipCode").asInt());

    JsonNode busyOnly = records("src=" + alice.number() + "&disposition=FAILED");
    assertEquals(1, busyOnly.path("total").asInt(), busyOnly.toString());
  }

  @Test
  void csvExportUsesAsteriskColumnsAndSummaryGroups() {
    Party alice = caller();
    Party bob = callee();
    hangUp(establish(alice, bob));
    assertEquals(404, finalResponse(dial(alice, "sip:" + uniqueNumber() + "77@" + Phones.DOMAIN)));

    HttpResponse<String> csv = api.get("/api/v1/cdr.csv?src=" + alice.number() + "&sort=start,asc");
    assertEquals(200, csv.statusCode(), csv.body());
    String[] lines = csv.body().split("\r\n");
    assertEquals(
        "accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,"
            + "billsec,disposition,amaflags,uniqueid,userfield",
        lines[0]);
    assertEquals(3, lines.length, csv.body());
    assertTrue(lines[1].contains(",ANSWERED,DOCUMENTATION,"), lines[1]);
    assertTrue(lines[2].contains(",FAILED,DOCUMENTATION,"), lines[2]);

    JsonNode summary = json(api.get("/api/v1/cdr/summary?groupBy=disposition&src=" + alice.number()));
    assertEquals(2, summary.path("total").path("calls").asInt(), summary.toString());
    assertEquals(1, summary.path("total").path("answered").asInt(), summary.toString());
    assertEquals(0.5, summary.path("total").path("asr").asDouble(), 1e-9);
    JsonNode byDay = json(api.get("/api/v1/cdr/summary?groupBy=day&src=" + alice.number()));
    assertEquals(1, byDay.path("rows").size(), byDay.toString());

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    JsonNode concurrency = json(api.get("/api/v1/cdr/concurrency?step=hour&from=" + today + "&to=" + tomorrow));
    assertEquals(24, concurrency.size(), concurrency.toString());
    int peak = 0;
    for (JsonNode step : concurrency) {
      peak = Math.max(peak, step.path("peak").asInt());
    }
    assertTrue(peak >= 1, concurrency.toString());
    assertField(api.get("/api/v1/cdr/concurrency?from=" + today), "to");
    assertField(api.get("/api/v1/cdr/concurrency?from=2020-01-01&to=2026-01-01&step=minute"), "step");
  }

  @Test
  void badReportQueriesAreRefusedNamingTheParameter() {
    assertField(api.get("/api/v1/cdr?colour=red"), "colour");
    assertField(api.get("/api/v1/cdr?from=2026-11-02&to=2026-11-01"), "to");
    assertField(api.get("/api/v1/cdr?from=yesterday"), "from");
    assertField(api.get("/api/v1/cdr?sort=password"), "sort");
    assertField(api.get("/api/v1/cdr?minBillsec=10&maxBillsec=5"), "maxBillsec");
    assertField(api.get("/api/v1/cdr?disposition=LOST"), "disposition");
    assertField(api.get("/api/v1/cdr/summary?groupBy=year"), "groupBy");
    assertField(api.get("/api/v1/cdr?trunk=a&trunkMatch=regex"), "trunkMatch");

    JsonNode capped = records("size=1000000");
    assertEquals(1000, capped.path("size").asInt());
    JsonNode injection = records("src=" + URLEncoder.encode("1' OR '1'='1", StandardCharsets.UTF_8));
    assertEquals(0, injection.path("total").asInt(), injection.toString());
  }

  @Test
  void managersReadReportsButChangeNothing() {
    String manager = "mgr" + uniqueNumber();
    HttpResponse<String> created =
        api.post(
            "/api/v1/users",
            "{\"username\":\"" + manager + "\",\"password\":\"manager-password\",\"role\":\"manager\"}",
            "application/json");
    assertEquals(201, created.statusCode(), created.body());
    AdminApi asManager = new AdminApi(api.base(), manager, "manager-password");

    assertEquals(200, asManager.get("/api/v1/cdr").statusCode());
    assertEquals(200, asManager.get("/api/v1/cdr/summary?groupBy=month").statusCode());
    assertEquals(200, asManager.get("/api/v1/calls").statusCode());
    assertEquals(403, asManager.createExtension(uniqueNumber(), "x", "12345678").statusCode());
    assertEquals(403, asManager.get("/api/v1/extensions").statusCode());
    assertEquals(403, asManager.post("/api/v1/users", "{}", "application/json").statusCode());
    assertEquals(403, asManager.delete("/api/v1/users/admin").statusCode());
    assertField(api.post("/api/v1/users", "{\"username\":\"x y\",\"password\":\"manager-password\"}", "application/json"), "username");
    assertEquals(409, api.delete("/api/v1/users/admin").statusCode(), "the last administrator stays");
  }

  private JsonNode onlyRecordOf(Party caller) {
    JsonNode page = records("src=" + caller.number());
    assertEquals(1, page.path("total").asInt(), page.toString());
    return page.path("records").get(0);
  }

  private JsonNode records(String query) {
    HttpResponse<String> r = api.get("/api/v1/cdr?" + query);
    assertEquals(200, r.statusCode(), r.body());
    return json(r);
  }
}
