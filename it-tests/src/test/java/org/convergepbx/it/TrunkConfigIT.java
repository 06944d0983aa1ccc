package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Trunks and routes over HTTP: validation naming the field, write-only secrets, order, references kept. */
class TrunkConfigIT extends ContainerTest {
  @Test
  void badTrunksAndRoutesAreRefusedNamingTheFieldAndUsedTrunksAreKept() {
    String trunk = "prov-" + uniqueNumber();
    String path = "/api/v1/trunks/" + trunk;
    assertField(api.put("/api/v1/trunks/Bad_Name", "{\"host\":\"h\"}"), "name");
    assertField(api.put(path, "{\"port\":5060}"), "host");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"port\":70000}"), "port");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"transport\":\"sctp\"}"), "transport");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"username\":\"u\"}"), "secret");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"inboundAddresses\":[\"10.0.0.1\",\"example.org\"]}"),
        "inboundAddresses[1]");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"colour\":\"red\"}"), "colour");
    assertField(api.put(path, "{\"host\":\"sip.example.org\",\"register\":\"user@host\"}"), "register");
    assertEquals(404, api.get(path).statusCode(), "nothing was stored");

    assertEquals(201, api.put(path, "{\"host\":\"sip.example.org\",\"username\":\"pbx\",\"secret\":\"s3cret\","
        + "\"callerId\":\"+41215550000\",\"inboundAddresses\":[\"192.0.2.0/24\"]}").statusCode());
    JsonNode stored = json(api.get(path));
    assertEquals(5060, stored.path("port").asInt(), stored.toString());
    assertEquals("udp", stored.path("transport").asText(), stored.toString());
    assertTrue(stored.path("secretSet").asBoolean(), stored.toString());
    assertFalse(stored.toString().contains("s3cret"), "the secret is never returned: " + stored);

    String route = "/api/v1/routes/outbound/intl-" + uniqueNumber();
    assertField(api.put(route, "{\"patterns\":[],\"trunks\":[\"" + trunk + "\"]}"), "patterns");
    assertField(api.put(route, "{\"patterns\":[{\"prefix\":\"00\",\"match\":\"X.X\"}],\"trunks\":[\"" + trunk
        + "\"]}"), "patterns[0].match");
    assertField(api.put(route, "{\"patterns\":[{\"prefix\":\"00\"}],\"trunks\":[\"nope\"]}"), "trunks[0]");
    assertField(api.put(route, "{\"patterns\":[{\"prefix\":\"00\"}],\"trunks\":[\"" + trunk
        + "\"],\"allowedExtensions\":[\"99999996\"]}"), "allowedExtensions[0]");
    assertEquals(201, api.put(route, "{\"patterns\":[{\"prepend\":\"+\",\"prefix\":\"00\",\"match\":\"X.\"}],"
        + "\"trunks\":[\"" + trunk + "\"]}").statusCode());
    JsonNode r = json(api.get(route));
    assertEquals("++00|X.", r.path("patterns").path(0).path("text").asText(), r.toString());
    assertEquals(409, api.delete(path).statusCode(), "a route uses the trunk");

    assertField(api.put("/api/v1/routes/inbound/12ab", "{\"destination\":\"hangup\"}"), "did");
    assertField(api.put("/api/v1/routes/inbound/5551000", "{\"destination\":\"ringgroup:99999995\"}"), "destination");
    assertEquals(201, api.put("/api/v1/routes/inbound/any", "{\"destination\":\"busy\"}").statusCode());
    assertEquals("any", json(api.get("/api/v1/routes/inbound/any")).path("did").asText());
    assertEquals(204, api.delete("/api/v1/routes/inbound/any").statusCode());
    assertEquals(204, api.delete(route).statusCode());
    assertEquals(204, api.delete(path).statusCode());
  }
}
