package org.convergepbx.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.voicemail.VoicemailService;

/**
 * {@code /api/v1/voicemail/{extension}/messages}: the mailbox's messages; {@code .../messages/{id}.wav}: one
 * message's recording; {@code DELETE .../messages/{id}}. For the extension's owner (its number and SIP secret)
 * or an administrator.
 */
public final class VoicemailServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final String WAV = ".wav";

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] parts = parts(req);
    if (parts.length == 2) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      for (VoicemailService.StoredMessage m : service().list(parts[0])) {
        ObjectNode n = list.addObject();
        n.put("id", m.id());
        n.put("sizeBytes", m.sizeBytes());
        n.put("storedAt", m.storedAt().toString());
        n.put("audio", "/api/v1/voicemail/" + parts[0] + "/messages/" + m.id() + WAV);
      }
      ApiResponses.json(resp, 200, list);
      return;
    }
    String id = parts[2].endsWith(WAV) ? parts[2].substring(0, parts[2].length() - WAV.length()) : parts[2];
    Path file = service().message(parts[0], id).orElseThrow(() -> new NotFoundException("no message " + id));
    resp.setStatus(200);
    resp.setContentType("audio/wav");
    resp.setContentLength((int) Files.size(file));
    Files.copy(file, resp.getOutputStream());
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] parts = parts(req);
    if (parts.length != 3 || !service().delete(parts[0], parts[2])) {
      throw new NotFoundException("no such message");
    }
    resp.setStatus(204);
  }

  /** {extension}, "messages"[, {id}]; anything else is 404. */
  private String[] parts(HttpServletRequest req) {
    String info = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
    String[] parts = info.split("/");
    if (parts.length < 2 || parts.length > 3 || !"messages".equals(parts[1]) || !app.extensions().find(parts[0]).isPresent()) {
      throw new NotFoundException("address a mailbox: /api/v1/voicemail/{extension}/messages");
    }
    return parts;
  }

  private VoicemailService service() {
    return app.voicemail();
  }
}
