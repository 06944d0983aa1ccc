package org.convergepbx.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import javax.servlet.http.HttpServletResponse;

/** JSON bodies of the REST API; every error is {@code {"error": "...", "field": "..."}}. */
final class ApiResponses {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private ApiResponses() {}

  static void json(HttpServletResponse resp, int status, Object body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    JSON.writeValue(resp.getOutputStream(), body);
  }

  static void error(HttpServletResponse resp, int status, String field, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    json(resp, status, body);
  }

  /** 405 with the methods the resource does accept (RFC 9110 §15.5.6 requires the Allow header). */
  static void methodNotAllowed(HttpServletResponse resp, String allow, String message) throws IOException {
    resp.setHeader("Allow", allow);
    error(resp, 405, null, message);
  }
}
