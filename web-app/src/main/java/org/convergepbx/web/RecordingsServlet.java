package org.convergepbx.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.Part;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.recording.Recording;
import org.convergepbx.recording.RecordingService;

/**
 * {@code /api/v1/recordings}: list, upload ({@code POST} multipart/form-data with {@code name}, optional
 * {@code description} and the WAV {@code file}); {@code /api/v1/recordings/{name}}: its description,
 * {@code /api/v1/recordings/{name}.wav}: its audio; {@code DELETE /api/v1/recordings/{name}}.
 */
public final class RecordingsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final String WAV = ".wav";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = pathSegment(req);
    if (name == null) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(r -> list.add(represent(r)));
      ApiResponses.json(resp, 200, list);
      return;
    }
    if (name.endsWith(WAV)) {
      byte[] wav = service().audio(name.substring(0, name.length() - WAV.length()));
      resp.setStatus(200);
      resp.setContentType("audio/wav");
      resp.setContentLength(wav.length);
      resp.getOutputStream().write(wav);
      return;
    }
    Recording r = service().find(name).orElseThrow(() -> new NotFoundException("no recording " + name));
    ApiResponses.json(resp, 200, represent(r));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
    if (pathSegment(req) != null) {
      ApiResponses.methodNotAllowed(resp, "GET, DELETE", "upload to /api/v1/recordings");
      return;
    }
    String type = req.getContentType() == null ? "" : req.getContentType();
    if (!type.startsWith("multipart/form-data")) {
      throw new InvalidInputException("body", "upload a recording as multipart/form-data (name, file)");
    }
    Part file;
    try {
      file = req.getPart("file");
    } catch (IllegalStateException tooLarge) {
      throw new PayloadTooLargeException(BodyLimitFilter.UPLOAD_CAP);
    }
    if (file == null) {
      throw new InvalidInputException("file", "no file part in the upload");
    }
    byte[] audio;
    try (InputStream in = file.getInputStream()) {
      audio = in.readAllBytes();
    }
    Recording r = service().upload(field(req, "name"), field(req, "description"), audio);
    resp.setHeader("Location", req.getContextPath() + "/api/v1/recordings/" + r.name());
    ApiResponses.json(resp, 201, represent(r));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = requiredSegment(req, "name", "the recording's name goes in the path");
    service().delete(name, app.ivrs().userOf(name).or(() -> app.queues().userOf(name)));
    resp.setStatus(204);
  }

  private static String field(HttpServletRequest req, String name) throws IOException {
    try {
      Part p = req.getPart(name);
      if (p == null) {
        return null;
      }
      try (InputStream in = p.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
    } catch (ServletException e) {
      throw new InvalidInputException("body", "malformed multipart body");
    }
  }

  private RecordingService service() {
    return app.recordings();
  }

  private static ObjectNode represent(Recording r) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("name", r.name());
    n.put("description", r.description());
    n.put("durationMs", r.durationMs());
    n.put("sizeBytes", r.sizeBytes());
    n.put("audio", "/api/v1/recordings/" + r.name() + WAV);
    n.put("createdAt", r.createdAt().toString());
    return n;
  }
}
