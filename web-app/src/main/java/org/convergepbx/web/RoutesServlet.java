package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.trunk.DialPattern;
import org.convergepbx.trunk.InboundRoute;
import org.convergepbx.trunk.OutboundRoute;
import org.convergepbx.trunk.OutboundRouteDraft;
import org.convergepbx.trunk.RouteService;

/**
 * Routes. {@code /api/v1/routes/outbound}: list in the order they are tried; {@code /api/v1/routes/outbound/{name}}:
 * read, create or replace (PUT), delete. {@code /api/v1/routes/inbound}: list;
 * {@code /api/v1/routes/inbound/{did}[/{callerId}]} ({@code any} for any DID): read, create or replace, delete.
 */
public final class RoutesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> OUTBOUND = Set.of(
      "name", "position", "patterns", "trunks", "allowedExtensions", "international", "maxCalls", "maxCallsPerMinute");
  private static final Set<String> PATTERN = Set.of("prepend", "prefix", "match", "callerId");
  private static final Set<String> INBOUND = Set.of("did", "callerId", "destination", "description");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Path p = path(req);
    if (p.outbound()) {
      if (p.key() == null) {
        ArrayNode list = ApiResponses.JSON.createArrayNode();
        service().outboundRoutes().forEach(r -> list.add(represent(r)));
        ApiResponses.json(resp, 200, list);
      } else {
        ApiResponses.json(resp, 200, represent(service().outboundRoute(p.key())
            .orElseThrow(() -> new NotFoundException("no outbound route " + p.key()))));
      }
    } else if (p.key() == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().inboundRoutes().forEach(r -> list.add(represent(r)));
      ApiResponses.json(resp, 200, list);
    } else {
      ApiResponses.json(resp, 200, represent(service().inboundRoute(p.key())
          .orElseThrow(() -> new NotFoundException("no inbound route " + p.key()))));
    }
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Path p = path(req);
    if (p.key() == null) {
      throw new InvalidInputException(p.outbound() ? "name" : "did", "the route goes in the path");
    }
    JsonNode body = readJson(req);
    boolean created;
    ObjectNode answer;
    if (p.outbound()) {
      JsonFields.requireObject(body, "outbound route", OUTBOUND);
      created = service().putOutbound(p.key(), new OutboundRouteDraft(
          JsonFields.integer(body, "position"), patterns(body), JsonFields.textList(body, "trunks"),
          JsonFields.textList(body, "allowedExtensions"), JsonFields.bool(body, "international"),
          JsonFields.integer(body, "maxCalls"), JsonFields.integer(body, "maxCallsPerMinute")));
      answer = represent(service().outboundRoute(p.key()).orElseThrow());
    } else {
      JsonFields.requireObject(body, "inbound route", INBOUND);
      String[] parts = p.key().split("/", 2);
      String callerId = parts.length > 1 ? parts[1] : "";
      created = service().putInbound(parts[0], callerId, JsonFields.text(body, "destination"),
          JsonFields.text(body, "description"));
      answer = represent(service().inboundRoute(InboundRoute.idOf(parts[0].equals("any") ? "" : parts[0], callerId))
          .orElseThrow());
    }
    if (created) {
      resp.setHeader("Location", req.getContextPath() + req.getServletPath() + req.getPathInfo());
    }
    ApiResponses.json(resp, created ? 201 : 200, answer);
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Path p = path(req);
    if (p.key() == null) {
      throw new InvalidInputException(p.outbound() ? "name" : "did", "the route goes in the path");
    }
    if (p.outbound()) {
      service().deleteOutbound(p.key());
    } else {
      service().deleteInbound(p.key());
    }
    resp.setStatus(204);
  }

  private RouteService service() {
    return app.routes();
  }

  /** {@code outbound} or {@code inbound}, then the route's key (or null for the list). */
  private record Path(boolean outbound, String key) {}

  private static Path path(HttpServletRequest req) {
    String info = req.getPathInfo();
    String rest = info == null ? "" : info.substring(1);
    String kind = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
    String key = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : null;
    if (!kind.equals("outbound") && !kind.equals("inbound")) {
      throw new NotFoundException("routes are /api/v1/routes/outbound and /api/v1/routes/inbound");
    }
    return new Path(kind.equals("outbound"), key == null || key.isEmpty() ? null : key);
  }

  private static List<DialPattern> patterns(JsonNode body) {
    JsonNode list = body.get("patterns");
    if (list == null || list.isNull()) {
      return null;
    }
    if (!list.isArray()) {
      throw new InvalidInputException("patterns", "patterns is a list of {prepend, prefix, match, callerId}");
    }
    List<DialPattern> patterns = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode p = list.get(i);
      String field = "patterns[" + i + "]";
      if (!p.isObject()) {
        throw new InvalidInputException(field, "a dial pattern is {prepend, prefix, match, callerId}");
      }
      JsonFields.requireObject(p, field, PATTERN);
      patterns.add(new DialPattern(text(p, field, "prepend"), text(p, field, "prefix"), text(p, field, "match"),
          text(p, field, "callerId")));
    }
    return patterns;
  }

  private static String text(JsonNode node, String field, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field + "." + name, name + " is text");
    }
    return v.asText();
  }

  static ObjectNode represent(OutboundRoute r) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("name", r.name());
    n.put("position", r.position());
    ArrayNode patterns = n.putArray("patterns");
    for (DialPattern p : r.patterns()) {
      ObjectNode o = patterns.addObject();
      o.put("prepend", p.prepend());
      o.put("prefix", p.prefix());
      o.put("match", p.match());
      o.put("callerId", p.callerId());
      o.put("text", p.text());
    }
    ArrayNode trunks = n.putArray("trunks");
    r.trunks().forEach(trunks::add);
    ArrayNode allowed = n.putArray("allowedExtensions");
    r.allowedExtensions().forEach(allowed::add);
    n.put("international", r.limits().international());
    n.put("maxCalls", r.limits().maxCalls());
    n.put("maxCallsPerMinute", r.limits().maxCallsPerMinute());
    n.put("updatedAt", r.updatedAt().toString());
    return n;
  }

  static ObjectNode represent(InboundRoute r) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("id", r.id());
    n.put("did", r.did().isEmpty() ? "any" : r.did());
    n.put("callerId", r.callerId());
    n.put("destination", r.destination());
    n.put("description", r.description());
    n.put("updatedAt", r.updatedAt().toString());
    return n;
  }
}
