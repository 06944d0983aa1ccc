package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.extension.Extension;
import org.convergepbx.extension.ExtensionDraft;
import org.convergepbx.extension.ExtensionService;

/**
 * {@code /api/v1/extensions}: list and create; {@code /api/v1/extensions/{number}}: read, replace, delete;
 * {@code /api/v1/extensions/import}: all-or-nothing bulk provisioning from a JSON array or CSV;
 * {@code /api/v1/extensions/{number}/followme}: the extension's Follow Me ({@link FollowMeResource});
 * {@code /api/v1/extensions/{number}/forwarding}: its call forwarding and DND ({@link ForwardingResource}).
 */
public final class ExtensionsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final String IMPORT = "import";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String followMe = FollowMeResource.extensionOf(pathSegment(req));
    if (followMe != null) {
      FollowMeResource.get(app.followMe(), followMe, resp);
      return;
    }
    String forwarding = ForwardingResource.extensionOf(pathSegment(req));
    if (forwarding != null) {
      ForwardingResource.get(app.forwarding(), service().find(forwarding).isPresent(), forwarding, resp);
      return;
    }
    String number = pathSegment(req);
    if (number == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      for (Extension e : service().list()) {
        list.add(represent(e));
      }
      ApiResponses.json(resp, 200, list);
      return;
    }
    Extension e =
        service().find(number).orElseThrow(() -> new NotFoundException("no extension " + number));
    ApiResponses.json(resp, 200, represent(e));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String sub = pathSegment(req);
    if (IMPORT.equals(sub)) {
      List<Extension> created = service().importAll(importDrafts(req));
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      created.forEach(e -> list.add(represent(e)));
      ApiResponses.json(resp, 201, list);
      return;
    }
    if (sub != null) {
      ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "POST goes to /api/v1/extensions");
      return;
    }
    Extension e = service().create(ExtensionJson.draft(readJson(req), ""));
    resp.setHeader("Location", req.getContextPath() + "/api/v1/extensions/" + e.number());
    ApiResponses.json(resp, 201, represent(e));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String followMe = FollowMeResource.extensionOf(pathSegment(req));
    if (followMe != null) {
      FollowMeResource.put(app.followMe(), followMe, req, resp);
      return;
    }
    String forwarding = ForwardingResource.extensionOf(pathSegment(req));
    if (forwarding != null) {
      ForwardingResource.put(app.forwarding(), forwarding, req, resp);
      return;
    }
    String number = requiredNumber(req);
    Extension e = service().update(number, ExtensionJson.draft(readJson(req), ""));
    ApiResponses.json(resp, 200, represent(e));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String followMe = FollowMeResource.extensionOf(pathSegment(req));
    if (followMe != null) {
      FollowMeResource.delete(app.followMe(), followMe, resp);
      return;
    }
    service().delete(requiredNumber(req));
    resp.setStatus(204);
  }

  private List<ExtensionDraft> importDrafts(HttpServletRequest req) throws IOException {
    String type = req.getContentType() == null ? "" : req.getContentType().toLowerCase();
    if (type.startsWith("text/csv")) {
      return csvDrafts(req);
    }
    JsonNode body = readJson(req);
    if (!body.isArray()) {
      throw new InvalidInputException("body", "an import is a JSON array of extensions (or text/csv)");
    }
    List<ExtensionDraft> drafts = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      drafts.add(ExtensionJson.draft(body.get(i), "[" + i + "]."));
    }
    return drafts;
  }

  private static List<ExtensionDraft> csvDrafts(HttpServletRequest req) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
    try (Reader reader = new InputStreamReader(req.getInputStream(), StandardCharsets.UTF_8);
        CSVParser parser = format.parse(reader)) {
      for (String column : parser.getHeaderNames()) {
        if (!ExtensionJson.FIELDS.contains(column)) {
          throw new InvalidInputException(column, "unknown CSV column " + column);
        }
      }
      List<ExtensionDraft> drafts = new ArrayList<>();
      for (CSVRecord r : parser) {
        drafts.add(
            new ExtensionDraft(
                cell(r, "number"), cell(r, "name"), cell(r, "secret"), cell(r, "email"),
                cell(r, "voicemailPin")));
      }
      return drafts;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new InvalidInputException("body", "malformed CSV: " + e.getMessage());
    }
  }

  private static String cell(CSVRecord r, String column) {
    if (!r.isMapped(column) || !r.isSet(column)) {
      return null;
    }
    String v = r.get(column);
    return v.isEmpty() ? null : v;
  }

  private ExtensionService service() {
    return app.extensions();
  }

  private com.fasterxml.jackson.databind.node.ObjectNode represent(Extension e) {
    Instant now = app.clock().instant();
    return ExtensionJson.representation(e, app.bindingsOf(e.number()), now);
  }

  private static String requiredNumber(HttpServletRequest req) {
    String n = pathSegment(req);
    if (n == null || IMPORT.equals(n)) {
      throw new NotFoundException("address an extension: /api/v1/extensions/{number}");
    }
    return n;
  }

}
