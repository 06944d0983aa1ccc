package org.convergepbx.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The audit log's short account of a request body, never holding a secret: a JSON body is stored with the value
 * of every field whose name speaks of a secret ({@code secret}, {@code password}, {@code pin}, {@code ha1},
 * {@code token}, ... at any depth, in any case) replaced by {@value #REDACTED}, and the password of a trunk's
 * {@code register} string ({@code user:secret@host}) masked; any other body (CSV, WAV, multipart, JSON too long to
 * have been captured whole, malformed JSON) is described by its type and size only.
 */
final class AuditSummary {
  static final String REDACTED = "***";
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "passwd", "pin", "ha1", "token");
  private static final Pattern USER_INFO = Pattern.compile("^([^:@]*):(.*)@");

  private AuditSummary() {}

  /**
   * @param contentType the request's Content-Type, or null
   * @param captured the body's first bytes
   * @param total the body's length in bytes; more than {@code captured.length} when only a part was captured
   */
  static String of(String contentType, byte[] captured, long total) {
    if (total == 0) {
      return "";
    }
    String type = contentType == null ? "no content type" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") || captured.length < total) {
      return type + ", " + total + " bytes";
    }
    try {
      JsonNode body = ApiResponses.JSON.readTree(captured);
      return body == null ? type + ", " + total + " bytes" : redact(body).toString();
    } catch (JsonProcessingException e) {
      return "malformed JSON, " + total + " bytes";
    } catch (IOException e) {
      return type + ", " + total + " bytes";
    }
  }

  /** A copy of {@code node} with secret fields' values replaced, at any depth. */
  static JsonNode redact(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = ApiResponses.JSON.createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = node.get(name);
        if (secretName(name)) {
          copy.put(name, REDACTED);
        } else if ("register".equalsIgnoreCase(name) && value.isTextual()) {
          copy.set(name, new TextNode(USER_INFO.matcher(value.asText()).replaceFirst("$1:" + REDACTED + "@")));
        } else {
          copy.set(name, redact(value));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ApiResponses.JSON.createArrayNode();
      node.forEach(element -> copy.add(redact(element)));
      return copy;
    }
    return node;
  }

  private static boolean secretName(String name) {
    String normalised = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return SECRET_WORDS.stream().anyMatch(normalised::contains);
  }
}
