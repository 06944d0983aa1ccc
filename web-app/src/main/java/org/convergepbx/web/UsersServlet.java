package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.security.AdminAccount;
import org.convergepbx.security.Role;

/** {@code /api/v1/users}: the users of the HTTP API (administrators and managers); administrators only. */
public final class UsersServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of("username", "password", "role");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String username = pathSegment(req);
    if (username != null) {
      AdminAccount a =
          app.admins().list().stream()
              .filter(u -> u.username().equals(username))
              .findFirst()
              .orElseThrow(() -> new NotFoundException("no user " + username));
      ApiResponses.json(resp, 200, represent(a));
      return;
    }
    ArrayNode list = ApiResponses.JSON.createArrayNode();
    for (AdminAccount a : app.admins().list()) {
      list.add(represent(a));
    }
    ApiResponses.json(resp, 200, list);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (pathSegment(req) != null) {
      ApiResponses.methodNotAllowed(resp, "GET, DELETE", "POST goes to /api/v1/users");
      return;
    }
    JsonNode body = readJson(req);
    if (!body.isObject()) {
      throw new InvalidInputException("body", "a user must be a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInputException(name, "unknown field " + name);
      }
    }
    String roleLabel = text(body, "role");
    Role role =
        Role.ofLabel(roleLabel == null ? Role.MANAGER.label() : roleLabel)
            .orElseThrow(() -> new InvalidInputException("role", "role must be admin or manager"));
    AdminAccount a = app.admins().create(text(body, "username"), text(body, "password"), role);
    resp.setHeader("Location", req.getContextPath() + "/api/v1/users/" + a.username());
    ApiResponses.json(resp, 201, represent(a));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) {
    String username = pathSegment(req);
    if (username == null) {
      throw new NotFoundException("address a user: /api/v1/users/{username}");
    }
    app.admins().delete(username);
    resp.setStatus(204);
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    return v.asText();
  }

  private static ObjectNode represent(AdminAccount a) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("username", a.username());
    n.put("role", a.role().label());
    n.put("createdAt", a.createdAt().toString());
    return n;
  }
}
