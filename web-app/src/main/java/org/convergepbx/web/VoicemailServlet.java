package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.recording.RecordingService;
import org.convergepbx.voicemail.Mailbox;
import org.convergepbx.voicemail.VoicemailService;

/**
 * A mailbox, for the extension's owner (its number and SIP secret) or an administrator:
 * {@code /api/v1/voicemail/{extension}/messages} lists the messages, {@code .../messages/{id}.wav} is one
 * message's recording, {@code DELETE .../messages/{id}} deletes it; {@code .../settings} reads and sets
 * (PUT) the PIN for {@code *97} and delete-after-email; {@code PUT .../greeting} (a WAV body) sets the
 * greeting, {@code GET .../greeting.wav} plays it back, {@code DELETE .../greeting} goes back to the default.
 */
public final class VoicemailServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final String WAV = ".wav";
  private static final String MESSAGES = "messages";
  private static final String SETTINGS = "settings";
  private static final String GREETING = "greeting";
  private static final Set<String> SETTINGS_FIELDS = Set.of("pin", "deleteAfterEmail");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] parts = parts(req);
    String box = parts[0];
    switch (parts[1]) {
      case MESSAGES -> {
        if (parts.length == 2) {
          listMessages(box, resp);
        } else {
          String id = parts[2].endsWith(WAV) ? parts[2].substring(0, parts[2].length() - WAV.length()) : parts[2];
          sendWav(service().message(box, id).orElseThrow(() -> new NotFoundException("no message " + id)), resp);
        }
      }
      case SETTINGS -> ApiResponses.json(resp, 200, represent(box));
      case GREETING + WAV -> sendWav(service().greeting(box).orElseThrow(
          () -> new NotFoundException("mailbox " + box + " has no greeting of its own (the default plays)")), resp);
      default -> throw notFound();
    }
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] parts = parts(req);
    if (parts.length == 2 && SETTINGS.equals(parts[1])) {
      JsonNode node = readJson(req);
      JsonFields.requireObject(node, "mailbox's settings", SETTINGS_FIELDS);
      service().configure(parts[0], JsonFields.text(node, "pin"), JsonFields.bool(node, "deleteAfterEmail"));
      ApiResponses.json(resp, 200, represent(parts[0]));
    } else if (parts.length == 2 && GREETING.equals(parts[1])) {
      String type = req.getContentType() == null ? "" : req.getContentType();
      if (!type.startsWith("audio/wav") && !type.startsWith("audio/x-wav") && !type.startsWith("audio/wave")) {
        throw new InvalidInputException("body", "send the greeting as a WAV file (Content-Type: audio/wav)");
      }
      byte[] wav = req.getInputStream().readNBytes(RecordingService.MAX_BYTES + 1);
      if (wav.length > RecordingService.MAX_BYTES) {
        throw new PayloadTooLargeException(RecordingService.MAX_BYTES);
      }
      service().setGreeting(parts[0], wav);
      ApiResponses.json(resp, 200, represent(parts[0]));
    } else {
      ApiResponses.methodNotAllowed(resp, "GET, DELETE", "PUT goes to .../settings or .../greeting");
    }
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] parts = parts(req);
    boolean deleted;
    if (parts.length == 3 && MESSAGES.equals(parts[1])) {
      deleted = service().delete(parts[0], parts[2]);
    } else if (parts.length == 2 && GREETING.equals(parts[1])) {
      deleted = service().deleteGreeting(parts[0]);
    } else {
      deleted = false;
    }
    if (!deleted) {
      throw new NotFoundException("nothing to delete there");
    }
    resp.setStatus(204);
  }

  private void listMessages(String box, HttpServletResponse resp) throws IOException {
    ArrayNode list = ApiResponses.JSON.createArrayNode();
    for (VoicemailService.StoredMessage m : service().list(box)) {
      ObjectNode n = list.addObject();
      n.put("id", m.id());
      n.put("sizeBytes", m.sizeBytes());
      n.put("storedAt", m.storedAt().toString());
      n.put("audio", "/api/v1/voicemail/" + box + "/messages/" + m.id() + WAV);
    }
    ApiResponses.json(resp, 200, list);
  }

  private static void sendWav(Path file, HttpServletResponse resp) throws IOException {
    resp.setStatus(200);
    resp.setContentType("audio/wav");
    resp.setContentLength((int) Files.size(file));
    Files.copy(file, resp.getOutputStream());
  }

  private ObjectNode represent(String box) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("extension", box);
    n.put("pinSet", service().settings(box).map(Mailbox::hasPin).orElse(false));
    n.put("deleteAfterEmail", service().settings(box).map(Mailbox::deleteAfterEmail).orElse(false));
    if (service().greeting(box).isPresent()) {
      n.put("greeting", "/api/v1/voicemail/" + box + "/" + GREETING + WAV);
    } else {
      n.putNull("greeting");
    }
    return n;
  }

  /** {extension}, then messages[/{id}], settings, greeting or greeting.wav; anything else is 404. */
  private String[] parts(HttpServletRequest req) {
    String info = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
    String[] parts = info.split("/");
    boolean known = parts.length >= 2 && (MESSAGES.equals(parts[1]) ? parts.length <= 3 : parts.length == 2);
    if (!known || !app.extensions().find(parts[0]).isPresent()) {
      throw notFound();
    }
    return parts;
  }

  private static NotFoundException notFound() {
    return new NotFoundException(
        "address a mailbox: /api/v1/voicemail/{extension}/messages, .../settings or .../greeting");
  }

  private VoicemailService service() {
    return app.voicemail();
  }
}
