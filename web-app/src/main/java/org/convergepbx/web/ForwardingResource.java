package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.forwarding.Forwarding;
import org.convergepbx.forwarding.ForwardingService;

/**
 * {@code /api/v1/extensions/{number}/forwarding}: read and replace (PUT) an extension's call forwarding and
 * do-not-disturb, the same settings its phone changes with feature codes.
 */
final class ForwardingResource {
  static final String SUFFIX = "/forwarding";
  private static final Set<String> FIELDS = Set.of("unconditional", "busy", "noAnswer", "doNotDisturb");

  private ForwardingResource() {}

  /** The extension number of a forwarding path segment ({@code 1001/forwarding}), or null. */
  static String extensionOf(String segment) {
    return segment != null && segment.endsWith(SUFFIX) ? segment.substring(0, segment.length() - SUFFIX.length()) : null;
  }

  static void get(ForwardingService service, boolean extensionExists, String extension, HttpServletResponse resp)
      throws IOException {
    if (!extensionExists) {
      throw new NotFoundException("no extension " + extension);
    }
    ApiResponses.json(resp, 200, represent(extension, service.of(extension)));
  }

  static void put(ForwardingService service, String extension, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    JsonNode node = ApiServlet.readJson(req);
    JsonFields.requireObject(node, "forwarding", FIELDS);
    Boolean dnd = JsonFields.bool(node, "doNotDisturb");
    if (dnd == null) {
      throw new InvalidInputException("doNotDisturb", "doNotDisturb (true or false) is required");
    }
    Forwarding f =
        new Forwarding(
            JsonFields.text(node, "unconditional"), JsonFields.text(node, "busy"), JsonFields.text(node, "noAnswer"), dnd);
    ApiResponses.json(resp, 200, represent(extension, service.put(extension, f)));
  }

  private static ObjectNode represent(String extension, Forwarding f) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("extension", extension);
    n.put("unconditional", f.unconditional());
    n.put("busy", f.busy());
    n.put("noAnswer", f.noAnswer());
    n.put("doNotDisturb", f.doNotDisturb());
    return n;
  }
}
