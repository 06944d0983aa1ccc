package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convergepbx.common.InvalidInputException;

/** Reading typed fields of a JSON request body; a wrong type or an unknown field is refused naming it. */
final class JsonFields {
  private JsonFields() {}

  /** Refuses anything but a JSON object with only these fields. */
  static void requireObject(JsonNode node, String what, Set<String> fields) {
    if (!node.isObject()) {
      throw new InvalidInputException("body", "a " + what + " must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new InvalidInputException(name, "unknown field " + name);
      }
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field, field + " must be a string");
    }
    return v.asText();
  }

  static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isInt()) {
      throw new InvalidInputException(field, field + " must be a whole number");
    }
    return v.asInt();
  }

  static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new InvalidInputException(field, field + " must be true or false");
    }
    return v.asBoolean();
  }

  /** An array of strings, each refused by its index ({@code members[2]}) if it is not one. */
  static List<String> textList(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw new InvalidInputException(field, field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a string");
      }
      values.add(v.get(i).asText());
    }
    return values;
  }

  /** An object of string values ({@code {"1":"ringgroup:301"}}), each refused by its name ({@code keys.1}). */
  static Map<String, String> textMap(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw new InvalidInputException(field, field + " must be an object of strings");
    }
    Map<String, String> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = v.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> e = entries.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(field + "." + e.getKey(), "must be a string");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }
}
