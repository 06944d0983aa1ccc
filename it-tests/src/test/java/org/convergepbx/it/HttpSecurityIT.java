package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTTP side's hardening in the real container: security headers, authentication of every servlet mapping and
 * least privilege, the cross-site (CSRF) check, body caps, login lockout (PBX_HTTP_LOCKOUT_SECONDS is 4 in the
 * ITs) and the audit log. Failed logins are sent from addresses of their own (127.0.0.2, 127.0.0.3), so that the
 * lockout of those addresses touches no other test.
 */
class HttpSecurityIT extends ContainerTest {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");
  private static final String MARK = "X-Requested-With";
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    HttpResponse<String> page = api.getUnauthenticated("/reports/");
    assertEquals(200, page.statusCode(), "the report page itself loads without credentials; its data does not");
    assertSecurityHeaders(page);
    assertTrue(page.headers().firstValue("Cache-Control").isEmpty(), "static files may be cached");

    HttpResponse<String> data = api.get("/api/v1/extensions");
    assertEquals(200, data.statusCode());
    assertSecurityHeaders(data);
    assertEquals("no-store", data.headers().firstValue("Cache-Control").orElse(""));

    HttpResponse<String> refused = api.getUnauthenticated("/api/v1/cdr");
    assertEquals(401, refused.statusCode());
    assertSecurityHeaders(refused);
    assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""));
    assertSecurityHeaders(api.getUnauthenticated("/no-such-page.html"));
  }

  @Test
  void everyServletMappingNeedsCredentialsAndManagersOnlyRead() throws Exception {
    AdminApi manager = newManager();
    Map<String, String> mappings = servletMappings();
    assertTrue(mappings.size() > 20, "web.xml read: " + mappings);
    for (Map.Entry<String, String> m : mappings.entrySet()) {
      String pattern = m.getKey();
      if (!pattern.startsWith("/api/") && !pattern.equals("/metrics")) {
        assertEquals("/", pattern, "only the static files (servlet 'static' at /) may be public: " + m);
        assertEquals("static", m.getValue());
        continue;
      }
      String path = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) + "1" : pattern;
      boolean managerReads = path.startsWith("/api/v1/cdr") || path.startsWith("/api/v1/calls");
      for (String method : METHODS) {
        HttpResponse<String> anonymous = send(request(path, method, null));
        assertEquals(401, anonymous.statusCode(), method + " " + path + " without credentials: " + anonymous.body());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        int asManager = send(request(path, method, manager)).statusCode();
        if (managerReads && method.equals("GET")) {
          assertTrue(asManager != 401 && asManager != 403, "a manager reads " + path + ": " + asManager);
        } else {
          assertEquals(403, asManager, method + " " + path + " is for administrators only");
        }
      }
    }
    int queueReport = manager.get("/api/v1/queues/report").statusCode();
    assertTrue(queueReport != 401 && queueReport != 403, "the queues' report is a manager's too: " + queueReport);
  }

  @Test
  void aCrossSitePostIsRefusedAndThePagesOwnIsAccepted() {
    String number = uniqueNumber();
    String body = "{\"number\":\"" + number + "\",\"name\":\"Cross\",\"secret\":\"secret-" + number + "\"}";
    String own = "http://" + SERVER + ":" + HTTP_PORT;

    HttpResponse<String> crossSite =
        send(json(request("/api/v1/extensions", "POST", api), body).header("Origin", "http://evil.example"));
    assertEquals(403, crossSite.statusCode(), crossSite.body());
    assertTrue(crossSite.body().contains("cross-site request refused"), crossSite.body());
    HttpResponse<String> refererOnly =
        send(json(request("/api/v1/extensions", "POST", api), body).header("Referer", "http://evil.example/x"));
    assertEquals(403, refererOnly.statusCode(), refererOnly.body());
    HttpResponse<String> unmarked = send(json(request("/api/v1/extensions", "POST", api), body).header("Origin", own));
    assertEquals(403, unmarked.statusCode(), "a browser's request without the pages' mark: " + unmarked.body());
    assertEquals(404, api.get("/api/v1/extensions/" + number).statusCode(), "nothing created by the refused ones");

    HttpResponse<String> page =
        send(json(request("/api/v1/extensions", "POST", api), body).header("Origin", own).header(MARK, "XMLHttpRequest"));
    assertEquals(201, page.statusCode(), page.body());
    HttpResponse<String> deleted =
        send(request("/api/v1/extensions/" + number, "DELETE", api).header("Origin", own).header(MARK, "XMLHttpRequest"));
    assertEquals(204, deleted.statusCode(), deleted.body());
    HttpResponse<String> crossSiteRead = send(request("/api/v1/extensions", "GET", api).header("Origin", "http://evil.example"));
    assertEquals(200, crossSiteRead.statusCode(), "reading changes nothing (and CORS keeps the answer from the other site)");
  }

  @Test
  void aBodyAboveTheCapIsRefusedWith413AndNothingStoredChanges() throws IOException {
    String number = uniqueNumber();
    api.provision(number, "secret-" + number);
    String authorization = RawHttp.basic("admin", System.getProperty("PBX_ADMIN_PASSWORD"));
    String path = "/pbx/api/v1/extensions/" + number;
    String oversized =
        "{\"name\":\"Overwritten\",\"secret\":\"secret-" + number + "\",\"email\":\"" + "x".repeat(1_100_000) + "\"}";

    RawHttp.Answer announced = RawHttp.announceOnly(HTTP_PORT, "PUT", path, authorization, 50L * 1024 * 1024);
    assertEquals(413, announced.status(), "answered before a byte of the body was sent: " + announced.body());
    assertTrue(announced.body().contains("larger than 1048576 bytes"), announced.body());
    assertEquals("nosniff", announced.headers().get("x-content-type-options"));

    RawHttp.Answer chunked =
        RawHttp.chunked(HTTP_PORT, "PUT", path, authorization, oversized.getBytes(StandardCharsets.UTF_8));
    assertEquals(413, chunked.status(), "a body without a length is cut at the cap: " + chunked.body());

    HttpResponse<String> declared = api.put("/api/v1/extensions/" + number, oversized);
    assertEquals(413, declared.statusCode(), declared.body());
    assertEquals("body", JSON.readTree(declared.body()).path("field").asText());

    JsonNode stored = json(api.get("/api/v1/extensions/" + number));
    assertEquals("Extension " + number, stored.path("name").asText(), "the extension is as it was: " + stored);
    assertTrue(stored.path("email").isNull() || stored.path("email").asText().isEmpty(), stored.toString());
  }

  @Test
  void wrongPasswordsLockTheUserNameEvenForTheRightOneUntilTheLockoutEnds() throws Exception {
    String user = "locked-" + uniqueNumber();
    String password = "right-password-" + user;
    createUser(user, password, "manager");
    String from = "127.0.0.3";
    for (int i = 0; i < 5; i++) {
      assertEquals(401, RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", user, "wrong-" + i).status());
    }
    RawHttp.Answer locked = RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", user, password);
    assertEquals(429, locked.status(), "locked even with the right password: " + locked.body());
    long retryAfter = Long.parseLong(locked.headers().get("retry-after"));
    assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
    assertEquals(429, new AdminApi(api.base(), user, password).get("/api/v1/cdr").statusCode(), "from any address");

    String adminPassword = System.getProperty("PBX_ADMIN_PASSWORD");
    assertEquals(200, RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", "admin", adminPassword).status(),
        "another user from the same address is not locked");

    Instant deadline = Instant.now().plusSeconds(retryAfter + 3);
    int status = locked.status();
    while (status == 429 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", user, password).status();
    }
    assertEquals(200, status, "unlocked once the lockout is over");
  }

  @Test
  void failuresForManyUserNamesLockTheAddressOnly() throws Exception {
    String from = "127.0.0.2";
    String run = uniqueNumber();
    for (int i = 0; i < 20; i++) {
      assertEquals(401, RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", "guess-" + run + "-" + i, "pw").status());
    }
    String adminPassword = System.getProperty("PBX_ADMIN_PASSWORD");
    RawHttp.Answer locked = RawHttp.get(from, HTTP_PORT, "/pbx/api/v1/cdr", "admin", adminPassword);
    assertEquals(429, locked.status(), locked.body());
    assertEquals(200, api.get("/api/v1/cdr").statusCode(), "the administrator from another address is not locked");
  }

  @Test
  void theAuditLogRecordsWhoChangedWhatAndWhenWithoutSecrets() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    String manager = "auditor-" + uniqueNumber();
    createUser(manager, "manager-password-1", "manager");
    String number = uniqueNumber();
    String body =
        "{\"number\":\"" + number + "\",\"name\":\"Audited\",\"secret\":\"sip-secret-" + number
            + "\",\"voicemailPin\":\"8642\"}";
    assertEquals(201, api.post("/api/v1/extensions", body, "application/json").statusCode());
    assertEquals(400, api.put("/api/v1/extensions/" + number, "{\"name\":").statusCode());
    AdminApi asManager = new AdminApi(api.base(), manager, "manager-password-1");
    assertEquals(403, asManager.delete("/api/v1/extensions/" + number).statusCode());
    assertEquals(401, api.getUnauthenticated("/api/v1/audit").statusCode());
    assertEquals(403, asManager.get("/api/v1/audit").statusCode(), "the audit log is for administrators");

    JsonNode mine = json(api.get("/api/v1/audit?user=admin&from=" + enc(start.toString())));
    JsonNode created = find(mine, "POST", "/api/v1/extensions", number);
    assertEquals("admin", created.path("user").asText());
    assertEquals("admin", created.path("role").asText());
    assertEquals("127.0.0.1", created.path("address").asText());
    assertEquals(201, created.path("status").asInt());
    assertEquals("accepted", created.path("outcome").asText());
    Instant at = Instant.parse(created.path("time").asText());
    assertFalse(at.isBefore(start) || at.isAfter(Instant.now()), "when: " + at);
    String summary = created.path("summary").asText();
    assertTrue(summary.contains("\"number\":\"" + number + "\""), summary);
    assertTrue(summary.contains("\"secret\":\"***\"") && summary.contains("\"voicemailPin\":\"***\""), summary);
    assertFalse(summary.contains("sip-secret-") || summary.contains("8642"), "no secret stored: " + summary);
    assertTrue(summary.endsWith("-> /pbx/api/v1/extensions/" + number), summary);

    JsonNode malformed = find(mine, "PUT", "/api/v1/extensions/" + number, null);
    assertEquals("refused", malformed.path("outcome").asText());
    assertEquals(400, malformed.path("status").asInt());

    JsonNode managers = json(api.get("/api/v1/audit?user=" + manager));
    JsonNode users = find(json(api.get("/api/v1/audit?user=admin&from=" + enc(start.toString()))), "POST", "/api/v1/users", null);
    assertTrue(users.path("summary").asText().contains("\"password\":\"***\""), users.toString());
    assertFalse(users.path("summary").asText().contains("manager-password-1"), users.toString());
    assertEquals(1, managers.path("total").asInt(), managers.toString());
    JsonNode refused = managers.path("entries").get(0);
    assertEquals("DELETE", refused.path("method").asText());
    assertEquals("manager", refused.path("role").asText());
    assertEquals(403, refused.path("status").asInt());
    assertEquals("refused", refused.path("outcome").asText());

    JsonNode paged = json(api.get("/api/v1/audit?size=1&page=0"));
    assertEquals(1, paged.path("entries").size());
    assertTrue(paged.path("total").asInt() >= 3, paged.toString());
    assertField(api.get("/api/v1/audit?from=yesterday"), "from");
    JsonNode nothingLater = json(api.get("/api/v1/audit?from=" + enc(Instant.now().plusSeconds(60).toString())));
    assertEquals(0, nothingLater.path("total").asInt());
  }

  /** The newest entry with this method and path (and a summary naming {@code mentions}, if given). */
  private static JsonNode find(JsonNode page, String method, String path, String mentions) {
    for (JsonNode e : page.path("entries")) {
      if (e.path("method").asText().equals(method) && e.path("path").asText().equals(path)
          && (mentions == null || e.path("summary").asText().contains(mentions))) {
        return e;
      }
    }
    throw new AssertionError("no audit entry " + method + " " + path + " in " + page);
  }

  private AdminApi newManager() {
    String name = "manager-" + uniqueNumber();
    createUser(name, "manager-password-" + name, "manager");
    return new AdminApi(api.base(), name, "manager-password-" + name);
  }

  private void createUser(String name, String password, String role) {
    HttpResponse<String> r =
        api.post("/api/v1/users", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}",
            "application/json");
    assertEquals(201, r.statusCode(), r.body());
  }

  private static void assertSecurityHeaders(HttpResponse<String> r) {
    String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""));
    assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""));
    assertNull(r.headers().firstValue("Strict-Transport-Security").orElse(null), "HSTS only over TLS");
  }

  /** Every url-pattern of web.xml's servlet mappings in the WAR as deployed, with its servlet's name. */
  private static Map<String, String> servletMappings() throws Exception {
    try (ZipFile war = new ZipFile(System.getProperty("pbx.war"));
        InputStream xml = war.getInputStream(war.getEntry("WEB-INF/web.xml"))) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(xml);
      Map<String, String> mappings = new LinkedHashMap<>();
      NodeList list = doc.getElementsByTagName("servlet-mapping");
      for (int i = 0; i < list.getLength(); i++) {
        Element mapping = (Element) list.item(i);
        String servlet = mapping.getElementsByTagName("servlet-name").item(0).getTextContent().trim();
        NodeList patterns = mapping.getElementsByTagName("url-pattern");
        for (int j = 0; j < patterns.getLength(); j++) {
          mappings.put(patterns.item(j).getTextContent().trim(), servlet);
        }
      }
      return mappings;
    }
  }

  private HttpRequest.Builder request(String path, String method, AdminApi as) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (as != null) {
      b.header("Authorization", as.authorization());
    }
    return b;
  }

  private static HttpRequest.Builder json(HttpRequest.Builder b, String body) {
    return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("HTTP request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
