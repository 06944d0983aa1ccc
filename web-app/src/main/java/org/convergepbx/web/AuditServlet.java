package org.convergepbx.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.audit.AuditEntry;
import org.convergepbx.audit.AuditQuery;
import org.convergepbx.audit.AuditService;

/**
 * {@code GET /api/v1/audit}: the audit log of configuration changes, newest first, filtered by {@code user},
 * {@code from} and {@code to} (ISO-8601 instants), paged by {@code page} and {@code size}. Administrators only
 * ({@link AdminAuthFilter}); the log cannot be changed through the API.
 */
public final class AuditServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    AuditQuery query = AuditQuery.parse(singleParameters(req));
    AuditService.Page page = app.audit().search(query);
    ObjectNode body = ApiResponses.JSON.createObjectNode();
    body.put("total", page.total());
    body.put("page", query.page());
    body.put("size", query.size());
    ArrayNode entries = body.putArray("entries");
    for (AuditEntry e : page.entries()) {
      ObjectNode n = entries.addObject();
      n.put("id", e.id());
      n.put("time", e.time().toString());
      n.put("user", e.user());
      n.put("role", e.role());
      n.put("address", e.address());
      n.put("method", e.method());
      n.put("path", e.path());
      n.put("status", e.status());
      n.put("outcome", e.outcome());
      n.put("summary", e.summary());
    }
    ApiResponses.json(resp, 200, body);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    readOnly(resp);
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    readOnly(resp);
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    readOnly(resp);
  }

  private static void readOnly(HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET", "the audit log is read-only");
  }
}
