package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.ringgroup.RingGroup;
import org.convergepbx.ringgroup.RingGroupDraft;
import org.convergepbx.ringgroup.RingGroupService;

/**
 * {@code /api/v1/ringgroups}: list; {@code /api/v1/ringgroups/{number}}: read, create or replace (PUT),
 * delete.
 */
public final class RingGroupsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS =
      Set.of("number", "description", "strategy", "ringTime", "members", "callerIdPrefix", "noAnswer");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = pathSegment(req);
    if (number == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(g -> list.add(represent(g)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    RingGroup g = service().find(number).orElseThrow(() -> new NotFoundException("no ring group " + number));
    ApiResponses.json(resp, 200, represent(g));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = required(req);
    boolean created = service().put(number, draft(readJson(req)));
    RingGroup g = service().find(number).orElseThrow();
    if (created) {
      resp.setHeader("Location", req.getContextPath() + "/api/v1/ringgroups/" + number);
    }
    ApiResponses.json(resp, created ? 201 : 200, represent(g));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().delete(required(req));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace a ring group with PUT /api/v1/ringgroups/{number}");
  }

  private static String required(HttpServletRequest req) {
    return requiredSegment(req, "number", "the ring group's number goes in the path");
  }


  private RingGroupService service() {
    return app.ringGroups();
  }

  static RingGroupDraft draft(JsonNode node) {
    JsonFields.requireObject(node, "ring group", FIELDS);
    return new RingGroupDraft(
        JsonFields.text(node, "number"),
        JsonFields.text(node, "description"),
        JsonFields.text(node, "strategy"),
        JsonFields.integer(node, "ringTime"),
        JsonFields.textList(node, "members"),
        JsonFields.text(node, "callerIdPrefix"),
        JsonFields.text(node, "noAnswer"));
  }

  static ObjectNode represent(RingGroup g) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("number", g.number());
    n.put("description", g.description());
    n.put("strategy", g.strategy().label());
    n.put("ringTime", g.ringTime());
    ArrayNode members = n.putArray("members");
    g.members().forEach(members::add);
    n.put("callerIdPrefix", g.callerIdPrefix());
    n.put("noAnswer", g.noAnswer());
    n.put("updatedAt", g.updatedAt().toString());
    return n;
  }
}
