package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as ops run it ({@code java -jar pbx-server.jar}): the ready line, the REST API with bad input,
 * malformed SIP, and a second instance that cannot bind.
 */
class PbxServerIT {
  @TempDir static Path data;
  private static PbxServerProcess server;
  private static AdminApi api;

  @BeforeAll
  static void start() {
    server = new PbxServerProcess(data.resolve("pbx")).start();
    api = server.api();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void readyLineSaysWhereSipAndHttpListen() {
    String line = server.readyLine();
    assertTrue(line.contains("SIP udp 127.0.0.1:" + server.sipPort()), line);
    assertTrue(line.contains("SIP tcp 127.0.0.1:" + server.sipPort()), line);
    assertTrue(line.contains("HTTP http://127.0.0.1:" + server.httpPort() + "/"), line);
  }

  @Test
  void apiRequiresAdministratorCredentials() {
    HttpResponse<String> anonymous = api.getUnauthenticated("/api/v1/extensions");
    assertEquals(401, anonymous.statusCode());
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    AdminApi wrong = new AdminApi(api.base(), "admin", "not-the-password");
    assertEquals(401, wrong.get("/api/v1/extensions").statusCode());
  }

  @Test
  void extensionLifecycleNeverReturnsTheSecret() {
    HttpResponse<String> created = api.createExtension("4101", "Reception", "reception-secret");
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("/api/v1/extensions/4101", created.headers().firstValue("Location").orElse(""));
    assertFalse(created.body().contains("reception-secret"), created.body());

    HttpResponse<String> updated =
        api.put("/api/v1/extensions/4101", "{\"name\":\"Front desk\",\"email\":\"desk@example.org\"}");
    assertEquals(200, updated.statusCode(), updated.body());
    assertTrue(updated.body().contains("\"name\":\"Front desk\""), updated.body());

    try (RawSip raw = new RawSip(server.sipPort())) {
      String answer = registerWithDigest(raw, "4101", "reception-secret", "x-4101");
      assertTrue(answer.startsWith("SIP/2.0 200"), "the secret must survive an update without one: " + answer);
    }

    assertEquals(204, api.delete("/api/v1/extensions/4101").statusCode());
    assertEquals(404, api.get("/api/v1/extensions/4101").statusCode());
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndDamagesNothing() {
    api.provision("4201", "original-secret");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"42a\",\"name\":\"x\",\"secret\":\"12345678\"}", "application/json"), 400, "number");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4202\",\"name\":\"x\",\"secret\":\"short\"}", "application/json"), 400, "secret");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4202\",\"name\":7,\"secret\":\"12345678\"}", "application/json"), 400, "name");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4202\",\"name\":\"x\",\"secret\":\"12345678\",\"colour\":\"red\"}", "application/json"), 400, "colour");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4202\",\"name\":\"x\",\"secret\":\"12345678\",\"voicemailPin\":\"12ab\"}", "application/json"), 400, "voicemailPin");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4202\",", "application/json"), 400, "body");
    assertError(api.post("/api/v1/extensions", "{\"number\":\"4201\",\"name\":\"dup\",\"secret\":\"12345678\"}", "application/json"), 409, "number");
    assertError(api.put("/api/v1/extensions/4201", "{\"name\":\"\"}"), 400, "name");

    HttpResponse<String> stored = api.get("/api/v1/extensions/4201");
    assertTrue(stored.body().contains("\"name\":\"Extension 4201\""), stored.body());
    assertEquals(404, api.get("/api/v1/extensions/4202").statusCode());
  }

  @Test
  void bulkImportIsAllOrNothing() {
    String bad =
        "[{\"number\":\"4301\",\"name\":\"a\",\"secret\":\"12345678\"},"
            + "{\"number\":\"4302\",\"name\":\"b\",\"secret\":\"1234\"}]";
    assertError(api.post("/api/v1/extensions/import", bad, "application/json"), 400, "[1].secret");
    assertEquals(404, api.get("/api/v1/extensions/4301").statusCode(), "nothing may be created");

    String csv = "number,name,secret,email\n4311,Lab one,lab-one-secret,\n4312,Lab two,lab-two-secret,lab2@example.org\n";
    HttpResponse<String> imported = api.post("/api/v1/extensions/import", csv, "text/csv");
    assertEquals(201, imported.statusCode(), imported.body());
    assertEquals(200, api.get("/api/v1/extensions/4311").statusCode());
    assertTrue(api.get("/api/v1/extensions/4312").body().contains("lab2@example.org"));

    String duplicate = "number,name,secret\n4313,Lab three,lab-three-secret\n4311,Again,again-secret\n";
    assertError(api.post("/api/v1/extensions/import", duplicate, "text/csv"), 409, "[1].number");
    assertEquals(404, api.get("/api/v1/extensions/4313").statusCode(), "nothing may be created");
  }

  @Test
  void malformedSipGetsA4xxWithAReason() {
    api.provision("4401", "malformed-secret");
    try (RawSip raw = new RawSip(server.sipPort())) {
      String badContact =
          raw.sendAuthenticated(
              cseq -> registerRequest(raw, "4401", "bad-contact", cseq)
                  + "Contact: <sip:4401@127.0.0.1:5060>;expires=soon\nExpires: 600\n",
              "REGISTER", "sip:" + Phones.DOMAIN, "4401", "malformed-secret");
      assertTrue(badContact.startsWith("SIP/2.0 400 Bad Contact header"), badContact);

      String notSip =
          raw.sendAuthenticated(
              cseq -> registerRequest(raw, "4401", "mailto-contact", cseq)
                  + "Contact: <mailto:4401@example.org>\nExpires: 600\n",
              "REGISTER", "sip:" + Phones.DOMAIN, "4401", "malformed-secret");
      assertTrue(notSip.startsWith("SIP/2.0 400 Bad Contact header: not a SIP URI"), notSip);
      assertTrue(api.get("/api/v1/extensions/4401").body().contains("\"registrations\":[]"));

      raw.send(raw.request("SUBSCRIBE", "sip:4401@" + Phones.DOMAIN, "4401", "4401", "sub-1", 1)
          + "Event: presence\nContact: <sip:4401@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
      String notAllowed = raw.awaitFinalResponse(5000);
      assertNotNull(notAllowed);
      assertTrue(notAllowed.startsWith("SIP/2.0 405"), notAllowed);
      assertTrue(notAllowed.contains("Allow: INVITE"), notAllowed);

      raw.send(raw.request("OPTIONS", "sip:" + Phones.DOMAIN, "4401", "4401", "bad-cseq", 1)
          .replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS") + "Content-Length: 0\n\n");
      String badCseq = raw.awaitFinalResponse(5000);
      assertNotNull(badCseq);
      assertTrue(badCseq.startsWith("SIP/2.0 400"), badCseq);
    }
    assertFalse(server.output().contains("Exception"), "no exception may escape:\n" + server.output());
  }

  @Test
  void oversizedMessageIsRefusedAndTheServerCarriesOn() throws Exception {
    int size = 200_000;
    try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", server.sipPort())) {
      tcp.setSoTimeout(5000);
      String head =
          "MESSAGE sip:4401@" + Phones.DOMAIN + " SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + tcp.getLocalPort()
              + ";branch=z9hG4bKbig\r\nMax-Forwards: 70\r\nFrom: <sip:x@" + Phones.DOMAIN + ">;tag=1\r\n"
              + "To: <sip:4401@" + Phones.DOMAIN + ">\r\nCall-ID: oversized\r\nCSeq: 1 MESSAGE\r\n"
              + "Content-Type: text/plain\r\nContent-Length: " + size + "\r\n\r\n";
      java.io.OutputStream out = tcp.getOutputStream();
      out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      try {
        out.write(new byte[size]);
        out.flush();
      } catch (java.io.IOException closedWhileSending) {
        // the server may close the connection before the body is all sent
      }
      int first;
      try {
        first = tcp.getInputStream().read();
      } catch (java.io.IOException reset) {
        first = -1;
      }
      assertEquals(-1, first, "an oversized message must be refused: the connection is closed, nothing answered");
    }
    optionsIsAnsweredWithTheMethodsAllowed();
  }

  @Test
  void optionsIsAnsweredWithTheMethodsAllowed() {
    try (RawSip raw = new RawSip(server.sipPort())) {
      raw.send(raw.request("OPTIONS", "sip:" + Phones.DOMAIN, "ping", "ping", "opt-" + System.nanoTime(), 1) + "Content-Length: 0\n\n");
      String ok = raw.awaitFinalResponse(5000);
      assertNotNull(ok);
      assertTrue(ok.startsWith("SIP/2.0 200"), ok);
      assertTrue(ok.contains("Allow: INVITE"), ok);
    }
  }

  @Test
  void secondInstanceOnTheSameSipPortExitsNonZeroNamingThePort() {
    PbxServerProcess clash =
        new PbxServerProcess(
            data.resolve("clash-sip"), server.sipPort(), FreePorts.next(), java.util.Map.of());
    clash.launch();
    assertEquals(1, clash.awaitExit(60), clash.output());
    assertTrue(
        clash.output().contains("pbx-server: cannot start: SIP UDP port 127.0.0.1:" + server.sipPort()),
        clash.output());
  }

  @Test
  void secondInstanceOnTheSameHttpPortExitsNonZeroNamingThePort() {
    PbxServerProcess clash =
        new PbxServerProcess(
            data.resolve("clash-http"), FreePorts.next(), server.httpPort(), java.util.Map.of());
    clash.launch();
    assertEquals(1, clash.awaitExit(60), clash.output());
    assertTrue(
        clash.output().contains("pbx-server: cannot start: HTTP port 127.0.0.1:" + server.httpPort()),
        clash.output());
  }

  static String registerWithDigest(RawSip raw, String ext, String secret, String callId) {
    return raw.sendAuthenticated(
        cseq -> registerRequest(raw, ext, callId, cseq)
            + "Contact: <sip:" + ext + "@127.0.0.1:" + raw.localPort() + ">\nExpires: 600\n",
        "REGISTER", "sip:" + Phones.DOMAIN, ext, secret);
  }

  private static String registerRequest(RawSip raw, String ext, String callId, int cseq) {
    return raw.request("REGISTER", "sip:" + Phones.DOMAIN, ext, ext, callId, cseq);
  }

  private static void assertError(HttpResponse<String> r, int status, String field) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"field\":\"" + field + "\""), "expected field " + field + " in " + r.body());
    assertTrue(r.body().contains("\"error\":\""), r.body());
  }
}
