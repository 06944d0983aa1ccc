package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.daynight.DayNightControl;
import org.convergepbx.daynight.DayNightDraft;
import org.convergepbx.daynight.DayNightService;
import org.convergepbx.daynight.Mode;

/**
 * {@code /api/v1/daynight}: list; {@code /api/v1/daynight/{n}}: read, create or replace (PUT), delete;
 * {@code /api/v1/daynight/{n}/mode}: set the mode by hand (PUT {@code {"mode":"night"}}), which lasts until the
 * schedule's next change.
 */
public final class DayNightServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final String MODE = "/mode";
  private static final Set<String> FIELDS =
      Set.of("description", "dayDestination", "nightDestination", "pin", "timeGroup");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String segment = pathSegment(req);
    if (segment == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(s -> list.add(represent(s)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    int index = index(segment.endsWith(MODE) ? segment.substring(0, segment.length() - MODE.length()) : segment);
    ApiResponses.json(resp, 200, represent(state(index)));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String segment = pathSegment(req);
    if (segment != null && segment.endsWith(MODE)) {
      int index = index(segment.substring(0, segment.length() - MODE.length()));
      JsonNode body = readJson(req);
      JsonFields.requireObject(body, "mode change", Set.of("mode"));
      Mode mode = Mode.named(JsonFields.text(body, "mode"));
      if (mode == null) {
        throw new InvalidInputException("mode", "mode is day or night");
      }
      ApiResponses.json(resp, 200, represent(service().setMode(index, mode)));
      return;
    }
    int index = index(segment);
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "Day/Night control", FIELDS);
    boolean created =
        service()
            .put(
                index,
                new DayNightDraft(
                    JsonFields.text(body, "description"),
                    JsonFields.text(body, "dayDestination"),
                    JsonFields.text(body, "nightDestination"),
                    JsonFields.text(body, "pin"),
                    JsonFields.text(body, "timeGroup")));
    ApiResponses.json(resp, created ? 201 : 200, represent(state(index)));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().delete(index(pathSegment(req)));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace a control with PUT /api/v1/daynight/{n}");
  }

  private DayNightService.State state(int index) {
    return service().find(index).orElseThrow(() -> new NotFoundException("no Day/Night control " + index));
  }

  private static int index(String segment) {
    if (segment == null || !segment.matches("[0-9]")) {
      throw new InvalidInputException("index", "a Day/Night control is addressed by its index, 0 to 9");
    }
    return Integer.parseInt(segment);
  }

  private DayNightService service() {
    return app.dayNight();
  }

  private static ObjectNode represent(DayNightService.State s) {
    DayNightControl c = s.control();
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("index", c.index());
    n.put("description", c.description());
    n.put("mode", s.mode().label());
    n.put("modeSource", s.manual() ? "manual" : "schedule");
    if (s.manual() && c.manualUntil() != null) {
      n.put("manualUntil", c.manualUntil().toString());
    }
    n.put("featureCode", "*28" + c.index());
    n.put("dayDestination", c.dayDestination());
    n.put("nightDestination", c.nightDestination());
    n.put("hasPin", c.pinHash() != null);
    n.put("timeGroup", c.timeGroup());
    n.put("updatedAt", c.updatedAt().toString());
    return n;
  }
}
