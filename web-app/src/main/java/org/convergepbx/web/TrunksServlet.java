package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.trunk.Trunk;
import org.convergepbx.trunk.TrunkDraft;
import org.convergepbx.trunk.TrunkHealth;
import org.convergepbx.trunk.TrunkRegistrations;
import org.convergepbx.trunk.TrunkService;
import org.convergepbx.trunk.TrunkSettings;

/**
 * {@code /api/v1/trunks}: list; {@code /api/v1/trunks/{name}}: read, create or replace (PUT), delete. The
 * secret is write-only: it is never returned ({@code secretSet} says whether there is one).
 */
public final class TrunksServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of(
      "name", "host", "port", "transport", "username", "secret", "callerId", "maxChannels", "keepalive",
      "inboundAddresses", "register");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = pathSegment(req);
    if (name == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(t -> list.add(view(t)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    Trunk t = service().find(name).orElseThrow(() -> new NotFoundException("no trunk " + name));
    ApiResponses.json(resp, 200, view(t));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = requiredSegment(req, "name", "the trunk's name goes in the path");
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "trunk", FIELDS);
    String named = JsonFields.text(body, "name");
    if (named != null && !named.equals(name)) {
      throw new org.convergepbx.common.InvalidInputException("name", "name must be the one in the path (" + name + ")");
    }
    boolean created = service().put(name, new TrunkDraft(
        JsonFields.text(body, "host"),
        JsonFields.integer(body, "port"),
        JsonFields.text(body, "transport"),
        JsonFields.text(body, "username"),
        JsonFields.text(body, "secret"),
        JsonFields.text(body, "callerId"),
        JsonFields.integer(body, "maxChannels"),
        JsonFields.integer(body, "keepalive"),
        JsonFields.textList(body, "inboundAddresses"),
        JsonFields.text(body, "register")));
    if (created) {
      resp.setHeader("Location", req.getContextPath() + "/api/v1/trunks/" + name);
    }
    ApiResponses.json(resp, created ? 201 : 200,
        view(service().find(name).orElseThrow()));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().delete(requiredSegment(req, "name", "the trunk's name goes in the path"));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace a trunk with PUT /api/v1/trunks/{name}");
  }

  private TrunkService service() {
    return app.trunks();
  }

  /** The trunk with what is known of it now: probes, calls, registration. */
  private ObjectNode view(Trunk t) {
    return represent(t, app.trunkHealth().status(t.name()), app.trunkChannels().inUse(t.name()),
        app.trunkRegistrations().status(t.name()));
  }

  static ObjectNode represent(
      Trunk t, TrunkHealth.Status health, int calls, TrunkRegistrations.Status registration) {
    TrunkSettings s = t.settings();
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("name", t.name());
    n.put("host", s.host());
    n.put("port", s.port());
    n.put("transport", s.transport());
    n.put("username", s.username());
    n.put("secretSet", s.secret() != null);
    n.put("callerId", s.callerId());
    n.put("maxChannels", s.maxChannels());
    n.put("keepalive", s.keepalive());
    n.put("register", s.registration() == null ? null : s.registration().text());
    ArrayNode addresses = n.putArray("inboundAddresses");
    s.inboundAddresses().forEach(addresses::add);
    n.put("updatedAt", t.updatedAt().toString());
    ObjectNode status = n.putObject("status");
    status.put("state", health.state().name());
    status.put("rttMs", health.rtt() == null ? null : health.rtt().toMillis());
    status.put("lastAnswer", health.lastAnswer() == null ? null : health.lastAnswer().toString());
    status.put("since", health.since() == null ? null : health.since().toString());
    status.put("calls", calls);
    if (s.registration() != null) {
      ObjectNode reg = status.putObject("registration");
      reg.put("state", registration.state().name());
      reg.put("expiresAt", registration.expiresAt() == null ? null : registration.expiresAt().toString());
      reg.put("lastError", registration.lastError());
      reg.put("since", registration.since() == null ? null : registration.since().toString());
    }
    return n;
  }
}
