package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.extension.Extension;
import org.convergepbx.extension.ExtensionDraft;
import org.convergepbx.registrar.Binding;

/** JSON form of extensions: drafts in (every field checked for type), representations out (never a secret). */
final class ExtensionJson {
  static final Set<String> FIELDS = Set.of("number", "name", "secret", "email", "voicemailPin");

  private ExtensionJson() {}

  /**
   * Reads a draft from a JSON object.
   *
   * @param prefix prepended to field names in errors, e.g. {@code [2].}
   */
  static ExtensionDraft draft(JsonNode node, String prefix) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
          "an extension must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidInputException(prefix + name, "unknown field " + name);
      }
    }
    return new ExtensionDraft(
        text(node, "number", prefix),
        text(node, "name", prefix),
        text(node, "secret", prefix),
        text(node, "email", prefix),
        text(node, "voicemailPin", prefix));
  }

  private static String text(JsonNode node, String field, String prefix) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(prefix + field, field + " must be a string");
    }
    return v.asText();
  }

  static ObjectNode representation(Extension e, List<Binding> bindings, Instant now) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("number", e.number());
    n.put("name", e.name());
    if (e.email() != null) {
      n.put("email", e.email());
    }
    n.put("hasVoicemailPin", e.hasVoicemailPin());
    ArrayNode regs = n.putArray("registrations");
    for (Binding b : bindings) {
      ObjectNode r = regs.addObject();
      r.put("contact", b.contactUri());
      r.put("expiresIn", b.secondsLeft(now));
      r.put("userAgent", b.userAgent());
      r.put("source", b.source());
    }
    n.put("createdAt", e.createdAt().toString());
    n.put("updatedAt", e.updatedAt().toString());
    return n;
  }
}
