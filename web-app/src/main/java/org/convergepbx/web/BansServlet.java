package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.AddressRule;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.security.BanList;

/**
 * {@code /api/v1/bans}: the bans in force on this node (GET), a ban by the operator (POST {@code kind},
 * {@code key}, {@code seconds}, {@code reason}); {@code /api/v1/bans/{kind}/{key}}: lift a ban (DELETE).
 * {@code kind} is {@code source} (an IP address) or {@code user} (a user name locked out).
 */
public final class BansServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of("kind", "key", "seconds", "reason");
  private static final int MAX_SECONDS = 366 * 24 * 3600;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (pathSegment(req) != null) {
      ApiResponses.methodNotAllowed(resp, "DELETE", "read the bans with GET /api/v1/bans");
      return;
    }
    ArrayNode list = ApiResponses.JSON.createArrayNode();
    bans().list().forEach(b -> list.add(represent(b)));
    ApiResponses.json(resp, 200, list);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (pathSegment(req) != null) {
      ApiResponses.methodNotAllowed(resp, "DELETE", "ban with POST /api/v1/bans");
      return;
    }
    JsonNode body = readJson(req);
    JsonFields.requireObject(body, "ban", FIELDS);
    BanList.Kind kind = kind(JsonFields.text(body, "kind"), "kind");
    String key = key(kind, JsonFields.text(body, "key"));
    Integer seconds = JsonFields.integer(body, "seconds");
    if (seconds == null || seconds < 1 || seconds > MAX_SECONDS) {
      throw new InvalidInputException("seconds", "seconds is 1 to " + MAX_SECONDS);
    }
    String reason = JsonFields.text(body, "reason");
    BanList.Ban ban = bans()
        .ban(kind, key, BanList.Cause.OPERATOR, reason == null || reason.isBlank() ? "banned by an operator" : reason,
            Duration.ofSeconds(seconds))
        .orElseThrow(() -> new InvalidInputException("key",
            key + " is already banned or is on the allow-list (PBX_SECURITY_ALLOW)"));
    ApiResponses.json(resp, 201, represent(ban));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = requiredSegment(req, "kind", "lift a ban with DELETE /api/v1/bans/{kind}/{key}");
    int slash = path.indexOf('/');
    if (slash < 0) {
      throw new InvalidInputException("key", "lift a ban with DELETE /api/v1/bans/{kind}/{key}");
    }
    BanList.Kind kind = kind(path.substring(0, slash), "kind");
    String key = path.substring(slash + 1);
    if (!bans().lift(kind, key)) {
      throw new NotFoundException("no " + path.substring(0, slash) + " ban on " + key);
    }
    resp.setStatus(204);
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, POST, DELETE", "ban with POST /api/v1/bans");
  }

  private BanList bans() {
    return app.defences().bans();
  }

  private static BanList.Kind kind(String text, String field) {
    if ("source".equals(text)) {
      return BanList.Kind.SOURCE;
    }
    if ("user".equals(text)) {
      return BanList.Kind.USER;
    }
    throw new InvalidInputException(field, "kind is source or user");
  }

  private static String key(BanList.Kind kind, String key) {
    if (key == null || key.isBlank() || key.length() > 64) {
      throw new InvalidInputException("key", "key is an IP address (source) or a user name (user), 1 to 64 characters");
    }
    if (kind == BanList.Kind.SOURCE) {
      try {
        AddressRule.parse(key);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("key", "'" + key + "' is not an IP address");
      }
      if (key.contains("/")) {
        throw new InvalidInputException("key", "a ban is on one address, not a block");
      }
    }
    return key;
  }

  static ObjectNode represent(BanList.Ban b) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("kind", b.kind().name().toLowerCase(Locale.ROOT));
    n.put("key", b.key());
    n.put("cause", b.cause().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    n.put("reason", b.reason());
    n.put("since", b.since().toString());
    n.put("until", b.until().toString());
    return n;
  }
}
