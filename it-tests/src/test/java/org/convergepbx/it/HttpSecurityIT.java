package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side's headers and its refusal of cross-site state changes, in the real container: every response
 * carries the security headers, the API is never cached, a PUT a browser marks as coming from another site is
 * refused before anything is stored while the same PUT from this origin (or from curl, without Origin) goes
 * through, and an oversized body is refused naming it.
 */
class HttpSecurityIT extends ContainerTest {
  @Test
  void everyResponseCarriesTheSecurityHeadersAndTheApiIsNotCached() {
    for (HttpResponse<String> r : java.util.List.of(api.get("/api/v1/extensions"),
        api.getUnauthenticated("/api/v1/extensions"), api.getUnauthenticated("/reports/"))) {
      String what = r.request().uri() + " " + r.statusCode();
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"), what);
      assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), what);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), what);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), what);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), what);
      assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP: " + what);
    }
    assertEquals("no-store", api.get("/api/v1/extensions").headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void aCrossSiteChangeIsRefusedAndNothingIsStoredWhileTheSameOriginAndCurlGoThrough() {
    String number = uniqueNumber();
    String path = "/api/v1/blacklist/" + number;
    String body = "{\"description\":\"listed from a page\"}";

    HttpResponse<String> fromElsewhere = api.putWithHeaders(path, body, "Origin", "http://evil.example");
    assertEquals(403, fromElsewhere.statusCode(), fromElsewhere.body());
    assertTrue(fromElsewhere.body().contains("cross-site request refused"), fromElsewhere.body());
    HttpResponse<String> fetchMetadata = api.putWithHeaders(path, body, "Sec-Fetch-Site", "cross-site");
    assertEquals(403, fetchMetadata.statusCode(), fetchMetadata.body());
    HttpResponse<String> otherPort = api.putWithHeaders(path, body, "Origin", "http://127.0.0.1:1");
    assertEquals(403, otherPort.statusCode(), otherPort.body());
    assertEquals(404, api.get(path).statusCode(), "nothing was stored");

    HttpResponse<String> sameOrigin = api.putWithHeaders(path, body, "Origin", "http://127.0.0.1:" + HTTP_PORT,
        "Sec-Fetch-Site", "same-origin");
    assertEquals(201, sameOrigin.statusCode(), sameOrigin.body());
    assertEquals(200, api.put(path, "{\"description\":\"listed with curl\"}").statusCode(), "a client without Origin");
  }

  @Test
  void anOversizedBodyIsRefusedNamingItAndNothingIsStored() {
    String number = uniqueNumber();
    String huge = "{\"name\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    HttpResponse<String> r = api.put("/api/v1/extensions/" + number, huge);
    assertEquals(400, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
    assertTrue(r.body().contains("\"field\":\"body\""), r.body());
    assertEquals(404, api.get("/api/v1/extensions/" + number).statusCode());
  }
}
