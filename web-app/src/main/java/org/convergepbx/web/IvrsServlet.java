package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.ivr.Ivr;
import org.convergepbx.ivr.IvrDraft;
import org.convergepbx.ivr.IvrService;

/** {@code /api/v1/ivrs}: list; {@code /api/v1/ivrs/{number}}: read, create or replace (PUT), delete. */
public final class IvrsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS =
      Set.of("number", "name", "announcement", "keys", "timeout", "invalidRetries", "timeoutRetries",
          "invalidRecording", "timeoutRecording", "repeatKey", "directDial", "invalidDestination",
          "timeoutDestination");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = pathSegment(req);
    if (number == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(i -> list.add(represent(i)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    Ivr ivr = service().find(number).orElseThrow(() -> new NotFoundException("no IVR " + number));
    ApiResponses.json(resp, 200, represent(ivr));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = required(req);
    boolean created = service().put(number, draft(readJson(req)));
    if (created) {
      resp.setHeader("Location", req.getContextPath() + "/api/v1/ivrs/" + number);
    }
    ApiResponses.json(resp, created ? 201 : 200, represent(service().find(number).orElseThrow()));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().delete(required(req));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace an IVR with PUT /api/v1/ivrs/{number}");
  }

  private static String required(HttpServletRequest req) {
    return requiredSegment(req, "number", "the IVR's number goes in the path");
  }

  private IvrService service() {
    return app.ivrs();
  }

  private static IvrDraft draft(JsonNode node) {
    JsonFields.requireObject(node, "IVR", FIELDS);
    return new IvrDraft(
        JsonFields.text(node, "name"),
        JsonFields.text(node, "announcement"),
        JsonFields.textMap(node, "keys"),
        JsonFields.integer(node, "timeout"),
        JsonFields.integer(node, "invalidRetries"),
        JsonFields.integer(node, "timeoutRetries"),
        JsonFields.text(node, "invalidRecording"),
        JsonFields.text(node, "timeoutRecording"),
        JsonFields.text(node, "repeatKey"),
        JsonFields.bool(node, "directDial"),
        JsonFields.text(node, "invalidDestination"),
        JsonFields.text(node, "timeoutDestination"));
  }

  private static ObjectNode represent(Ivr i) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("number", i.number());
    n.put("name", i.name());
    n.put("announcement", i.announcement());
    ObjectNode keys = n.putObject("keys");
    i.keys().forEach(keys::put);
    n.put("timeout", i.timeout());
    n.put("invalidRetries", i.invalidRetries());
    n.put("timeoutRetries", i.timeoutRetries());
    n.put("invalidRecording", i.invalidRecording());
    n.put("timeoutRecording", i.timeoutRecording());
    n.put("repeatKey", i.repeatKey());
    n.put("directDial", i.directDial());
    n.put("invalidDestination", i.invalidDestination());
    n.put("timeoutDestination", i.timeoutDestination());
    n.put("updatedAt", i.updatedAt().toString());
    return n;
  }
}
