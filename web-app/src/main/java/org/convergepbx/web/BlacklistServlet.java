package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.blacklist.BlacklistEntry;
import org.convergepbx.blacklist.BlacklistService;
import org.convergepbx.common.NotFoundException;

/**
 * {@code /api/v1/blacklist}: list; {@code /api/v1/blacklist/{number}}: read, list a caller (PUT), remove.
 * Body: {@code description}, and {@code destination} (absent: the caller gets 603 Decline).
 */
public final class BlacklistServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of("description", "destination");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = pathSegment(req);
    if (number == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(e -> list.add(represent(e)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    BlacklistEntry e =
        service().find(number).orElseThrow(() -> new NotFoundException("caller " + number + " is not blacklisted"));
    ApiResponses.json(resp, 200, represent(e));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String number = required(req);
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "blacklist entry", FIELDS);
    boolean created =
        service().put(number, JsonFields.text(body, "description"), JsonFields.text(body, "destination"));
    ApiResponses.json(resp, created ? 201 : 200, represent(service().find(number).orElseThrow()));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    service().delete(required(req));
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "list a caller with PUT /api/v1/blacklist/{number}");
  }

  private static String required(HttpServletRequest req) {
    return requiredSegment(req, "number", "the caller's number goes in the path");
  }


  private BlacklistService service() {
    return app.blacklist();
  }

  private static ObjectNode represent(BlacklistEntry e) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("number", e.number());
    n.put("description", e.description());
    n.put("destination", e.destination() == null ? BlacklistService.DECLINE_TEXT : e.destination());
    n.put("updatedAt", e.updatedAt().toString());
    return n;
  }
}
