package org.convergepbx.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.app.PbxApplication;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;

/**
 * Base of the REST resources: refused input becomes 400 naming the field, a collision 409, a missing item 404,
 * a body above its cap 413 ({@link BodyLimitFilter}), each with the JSON error body.
 */
abstract class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  protected transient PbxApplication app;

  @Override
  public void init() {
    app = PbxApplication.from(getServletContext());
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    try {
      super.service(req, resp);
    } catch (InvalidInputException e) {
      ApiResponses.error(resp, 400, e.field(), e.getMessage());
    } catch (ConflictException e) {
      ApiResponses.error(resp, 409, e.field(), e.getMessage());
    } catch (NotFoundException e) {
      ApiResponses.error(resp, 404, null, e.getMessage());
    } catch (PayloadTooLargeException e) {
      ApiResponses.error(resp, 413, "body", e.getMessage());
    }
  }

  /** The request body as JSON; malformed or missing JSON is refused naming {@code body}. */
  static JsonNode readJson(HttpServletRequest req) throws IOException {
    try (InputStream in = req.getInputStream()) {
      JsonNode node = ApiResponses.JSON.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInputException("body", "a JSON body is required");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "body",
          "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr());
    }
  }

  /** Query parameters, each given once; a repeated parameter is refused naming it. */
  static Map<String, String> singleParameters(HttpServletRequest req) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
      if (e.getValue().length != 1) {
        throw new InvalidInputException(e.getKey(), e.getKey() + " may be given only once");
      }
      params.put(e.getKey(), e.getValue()[0]);
    }
    return params;
  }

  /** The path segment naming one item; refused naming {@code field} when the path names the collection. */
  static String requiredSegment(HttpServletRequest req, String field, String message) {
    String segment = pathSegment(req);
    if (segment == null) {
      throw new InvalidInputException(field, message);
    }
    return segment;
  }

  /** The path segment after the servlet path, or null for the collection. */
  static String pathSegment(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info == null || info.equals("/")) {
      return null;
    }
    return info.substring(1);
  }
}
