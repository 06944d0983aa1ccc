package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.followme.FollowMe;
import org.convergepbx.followme.FollowMeDraft;
import org.convergepbx.followme.FollowMeService;

/** {@code /api/v1/extensions/{number}/followme}: read, set (PUT) and remove an extension's Follow Me. */
final class FollowMeResource {
  static final String SUFFIX = "/followme";
  private static final Set<String> FIELDS =
      Set.of("enabled", "initialRingTime", "members", "ringTime", "strategy", "noAnswer", "confirmCalls");

  private FollowMeResource() {}

  /** The extension number of a follow-me path segment ({@code 1001/followme}), or null. */
  static String extensionOf(String segment) {
    return segment != null && segment.endsWith(SUFFIX) ? segment.substring(0, segment.length() - SUFFIX.length()) : null;
  }

  static void get(FollowMeService service, String extension, HttpServletResponse resp) throws IOException {
    FollowMe f =
        service.find(extension).orElseThrow(() -> new NotFoundException("extension " + extension + " has no Follow Me"));
    ApiResponses.json(resp, 200, represent(f));
  }

  static void put(FollowMeService service, String extension, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    boolean created = service.put(extension, draft(ApiServlet.readJson(req)));
    ApiResponses.json(resp, created ? 201 : 200, represent(service.find(extension).orElseThrow()));
  }

  static void delete(FollowMeService service, String extension, HttpServletResponse resp) {
    service.delete(extension);
    resp.setStatus(204);
  }

  private static FollowMeDraft draft(JsonNode node) {
    JsonFields.requireObject(node, "Follow Me", FIELDS);
    return new FollowMeDraft(
        JsonFields.bool(node, "enabled"),
        JsonFields.integer(node, "initialRingTime"),
        JsonFields.textList(node, "members"),
        JsonFields.integer(node, "ringTime"),
        JsonFields.text(node, "strategy"),
        JsonFields.text(node, "noAnswer"),
        JsonFields.bool(node, "confirmCalls"));
  }

  private static ObjectNode represent(FollowMe f) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("extension", f.extension());
    n.put("enabled", f.enabled());
    n.put("initialRingTime", f.initialRingTime());
    ArrayNode members = n.putArray("members");
    f.members().forEach(members::add);
    n.put("ringTime", f.ringTime());
    n.put("strategy", f.strategy());
    n.put("noAnswer", f.noAnswer());
    n.put("confirmCalls", f.confirmCalls());
    n.put("updatedAt", f.updatedAt().toString());
    return n;
  }
}
