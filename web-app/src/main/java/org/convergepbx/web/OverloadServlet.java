package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.security.OverloadGuard;

/**
 * {@code /api/v1/overload}: whether this node takes new calls and registrations, its load against the
 * thresholds (GET); drain the node or take it back into service (PUT {@code {"draining": true|false}}).
 */
public final class OverloadServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of("draining");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.json(resp, 200, represent(guard().status()));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "overload", FIELDS);
    Boolean draining = JsonFields.bool(body, "draining");
    if (draining == null) {
      throw new InvalidInputException("draining", "draining is true or false");
    }
    guard().drain(draining);
    ApiResponses.json(resp, 200, represent(guard().status()));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT", "drain with PUT /api/v1/overload");
  }

  private OverloadGuard guard() {
    return app.defences().overload();
  }

  private static ObjectNode represent(OverloadGuard.Status s) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("overloaded", s.overloaded());
    n.put("draining", s.draining());
    n.put("reason", s.reason());
    n.put("heapPercent", Math.round(s.heapPercent() * 10) / 10.0);
    n.put("cpuPercent", Math.round(s.cpuPercent() * 10) / 10.0);
    n.put("pending", s.pending());
    ObjectNode t = n.putObject("thresholds");
    t.put("heapPercent", s.thresholds().heapPercent());
    t.put("cpuPercent", s.thresholds().cpuPercent());
    t.put("pending", s.thresholds().pending());
    t.put("retryAfterSeconds", s.thresholds().retryAfterSeconds());
    return n;
  }
}
