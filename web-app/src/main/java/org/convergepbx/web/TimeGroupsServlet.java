package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.daynight.DayNightService;
import org.convergepbx.daynight.TimeGroup;

/**
 * {@code /api/v1/timegroups}: list; {@code /api/v1/timegroups/{name}}: read, create or replace (PUT), delete.
 * Body: {@code description}, {@code timeZone} (default UTC), {@code rules} (e.g. {@code "08:00-17:00|mon-fri|*|*"}).
 */
public final class TimeGroupsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of("description", "timeZone", "rules");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = pathSegment(req);
    if (name == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().groups().forEach(g -> list.add(represent(g)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    TimeGroup g = service().group(name).orElseThrow(() -> new NotFoundException("no time group " + name));
    ApiResponses.json(resp, 200, represent(g));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = required(req);
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "time group", FIELDS);
    boolean created =
        service()
            .putGroup(
                name,
                JsonFields.text(body, "description"),
                JsonFields.text(body, "timeZone"),
                JsonFields.textList(body, "rules"));
    ApiResponses.json(resp, created ? 201 : 200, represent(service().group(name).orElseThrow()));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().deleteGroup(required(req));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace a time group with PUT /api/v1/timegroups/{name}");
  }

  private static String required(HttpServletRequest req) {
    return requiredSegment(req, "name", "the time group's name goes in the path");
  }


  private DayNightService service() {
    return app.dayNight();
  }

  private static ObjectNode represent(TimeGroup g) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("name", g.name());
    n.put("description", g.description());
    n.put("timeZone", g.timeZone());
    ArrayNode rules = n.putArray("rules");
    g.rules().forEach(rules::add);
    n.put("updatedAt", g.updatedAt().toString());
    return n;
  }
}
