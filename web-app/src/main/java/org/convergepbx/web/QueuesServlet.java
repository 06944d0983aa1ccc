package org.convergepbx.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import org.convergepbx.accounting.CdrQuery;
import org.convergepbx.call.CallState;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.queue.Acd;
import org.convergepbx.queue.CallQueue;
import org.convergepbx.queue.QueueDraft;
import org.convergepbx.queue.QueueLogEntry;
import org.convergepbx.queue.QueueReport;
import org.convergepbx.queue.QueueRun;
import org.convergepbx.queue.QueueService;
import org.convergepbx.queue.QueueSettings;

/**
 * Call queues. {@code /api/v1/queues}: list; {@code /api/v1/queues/{n}}: read, create or replace (PUT),
 * delete; {@code /api/v1/queues/{n}/agents/{ext}}: log a dynamic agent in (PUT, optionally pausing it with
 * {@code {"paused": true}}) or out (DELETE); {@code /api/v1/queues/{n}/live} and {@code /api/v1/queues/live}: the
 * callers waiting (read from their application sessions) and the members' states;
 * {@code /api/v1/queues/report} and {@code /api/v1/queues/report/agents}: statistics from the queue log;
 * {@code /api/v1/queues/{n}/log}: the queue log itself.
 */
public final class QueuesServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  private static final Set<String> FIELDS = Set.of(
      "number", "name", "strategy", "members", "memberTimeout", "retry", "wrapUp", "maxWait", "maxCallers",
      "joinEmpty", "leaveWhenEmpty", "ringInUse", "music", "announceFrequency", "announcePosition",
      "announceHoldTime", "exitKey", "exitDestination", "failover", "serviceLevel");
  private static final Duration DEFAULT_SERVICE_LEVEL = Duration.ofSeconds(60);

  private transient SipSessionsUtil sessions;

  @Override
  public void init() {
    super.init();
    sessions = (SipSessionsUtil) getServletContext().getAttribute(SipServlet.SIP_SESSIONS_UTIL);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] path = segments(req);
    if (path.length == 0) {
      ArrayNode list = ApiResponses.JSON.createArrayNode();
      service().list().forEach(q -> list.add(represent(q, service().members(q.number()))));
      ApiResponses.json(resp, 200, list);
    } else if (path[0].equals("report")) {
      report(req, resp, path);
    } else if (path[0].equals("live") && path.length == 1) {
      ArrayNode all = ApiResponses.JSON.createArrayNode();
      service().list().forEach(q -> service().run(q.number()).ifPresent(run -> all.add(live(run))));
      ApiResponses.json(resp, 200, all);
    } else if (path.length == 1) {
      CallQueue q = service().find(path[0]).orElseThrow(() -> new NotFoundException("no queue " + path[0]));
      ApiResponses.json(resp, 200, represent(q, service().members(q.number())));
    } else if (path.length == 2 && path[1].equals("log")) {
      log(req, resp, path[0]);
    } else if (path.length == 2 && (path[1].equals("live") || path[1].equals("agents"))) {
      QueueRun run = service().run(path[0]).orElseThrow(() -> new NotFoundException("no queue " + path[0]));
      ObjectNode live = live(run);
      ApiResponses.json(resp, 200, path[1].equals("live") ? live : live.get("agents"));
    } else {
      throw new NotFoundException("no such resource");
    }
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] path = segments(req);
    if (path.length == 3 && path[1].equals("agents")) {
      JsonNode body = req.getContentLength() == 0 ? null : readJson(req);
      Boolean paused = null;
      if (body != null) {
        JsonFields.requireObject(body, "agent", Set.of("paused"));
        paused = JsonFields.bool(body, "paused");
      }
      service().login(path[0], path[2], true);
      if (paused != null) {
        service().pause(path[0], path[2], paused);
      }
      ApiResponses.json(resp, 200, agent(path[0], path[2]));
      return;
    }
    if (path.length != 1) {
      throw new InvalidInputException("number", "PUT /api/v1/queues/{number} or /api/v1/queues/{number}/agents/{extension}");
    }
    String number = path[0];
    boolean created = service().put(number, draft(readJson(req)));
    CallQueue q = service().find(number).orElseThrow();
    if (created) {
      resp.setHeader("Location", req.getContextPath() + "/api/v1/queues/" + number);
    }
    ApiResponses.json(resp, created ? 201 : 200, represent(q, service().members(number)));
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] path = segments(req);
    if (path.length == 3 && path[1].equals("agents")) {
      service().login(path[0], path[2], false);
    } else if (path.length == 1) {
      service().delete(path[0]);
    } else {
      throw new InvalidInputException("number", "DELETE /api/v1/queues/{number} or /api/v1/queues/{number}/agents/{extension}");
    }
    resp.setStatus(204);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ApiResponses.methodNotAllowed(resp, "GET, PUT, DELETE", "create or replace a queue with PUT /api/v1/queues/{number}");
  }

  private QueueService service() {
    return app.queues();
  }

  private static String[] segments(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info == null || info.equals("/")) {
      return new String[0];
    }
    return info.substring(1).split("/");
  }

  /** {@code /report} (per queue) and {@code /report/agents}: over [from, to), by default the last 24 hours. */
  private void report(HttpServletRequest req, HttpServletResponse resp, String[] path) throws IOException {
    Map<String, String> params = singleParameters(req);
    Instant[] window = window(params, Set.of("from", "to", "queue"));
    String queue = params.get("queue");
    List<QueueLogEntry> log = service().events(window[0], window[1]).stream()
        .filter(e -> queue == null || queue.equals(e.queue())).toList();
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("from", window[0].toString());
    n.put("to", window[1].toString());
    if (path.length == 2 && path[1].equals("agents")) {
      n.set("agents", ApiResponses.JSON.valueToTree(QueueReport.agents(log)));
    } else if (path.length == 1) {
      Map<String, Duration> levels = service().serviceLevels();
      n.set("queues", ApiResponses.JSON.valueToTree(
          QueueReport.queues(log, q -> levels.getOrDefault(q, DEFAULT_SERVICE_LEVEL))));
    } else {
      throw new NotFoundException("no such report");
    }
    ApiResponses.json(resp, 200, n);
  }

  /** {@code /{n}/log}: the queue's log events over [from, to) (by default the last 24 hours), oldest first. */
  private void log(HttpServletRequest req, HttpServletResponse resp, String queue) throws IOException {
    Instant[] window = window(singleParameters(req), Set.of("from", "to"));
    ArrayNode events = ApiResponses.JSON.createArrayNode();
    for (QueueLogEntry e : service().events(window[0], window[1])) {
      if (!queue.equals(e.queue())) {
        continue;
      }
      ObjectNode n = events.addObject();
      n.put("time", e.time().toString());
      n.put("callId", e.callId());
      n.put("queue", e.queue());
      n.put("agent", e.agent());
      n.put("event", e.event().name());
      n.put("position", e.position());
      n.put("waitSeconds", e.waitSeconds());
      n.put("talkSeconds", e.talkSeconds());
      n.put("data", e.data());
    }
    ApiResponses.json(resp, 200, events);
  }

  /** [from, to) from the parameters (ISO instants or dates), by default the last 24 hours. */
  private Instant[] window(Map<String, String> params, Set<String> allowed) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw new InvalidInputException(name, "unknown parameter " + name + " (" + String.join(", ", allowed) + ")");
      }
    }
    Map<String, String> times = new HashMap<>(params);
    times.keySet().retainAll(Set.of("from", "to"));
    CdrQuery bounds = CdrQuery.parse(times, Set.of());
    Instant to = bounds.to() == null ? app.clock().instant() : bounds.to();
    Instant from = bounds.from() == null ? to.minus(Duration.ofDays(1)) : bounds.from();
    return new Instant[] {from, to};
  }

  /** The queue now: callers waiting (from their calls' application sessions) and the members' states. */
  private ObjectNode live(QueueRun run) {
    Acd acd = app.acd();
    Instant now = app.clock().instant();
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("queue", run.number());
    n.put("name", run.settings().name());
    n.put("strategy", run.settings().strategy().label());
    n.put("estimatedHoldSeconds", acd.estimatedHold(run.number()).toSeconds());
    ArrayNode callers = n.putArray("callers");
    for (Acd.WaitingCaller w : acd.waiting(run.number())) {
      SipApplicationSession sas = sessions == null ? null : sessions.getApplicationSessionById(w.caller());
      Object state = sas == null || !sas.isValid() ? null : sas.getAttribute(CallState.ATTRIBUTE);
      if (!(state instanceof CallState call)) {
        continue;
      }
      ObjectNode c = callers.addObject();
      c.put("position", w.position());
      c.put("caller", call.caller());
      c.put("callId", call.callId());
      c.put("since", w.since().toString());
      c.put("waitSeconds", Duration.between(w.since(), now).toSeconds());
      c.put("state", w.ringing().isEmpty() ? "WAITING" : "RINGING");
      ArrayNode ringing = c.putArray("ringing");
      w.ringing().forEach(ringing::add);
    }
    ArrayNode agents = n.putArray("agents");
    for (Acd.MemberView m : acd.members(run.setup(), now, app.phones())) {
      ObjectNode a = agents.addObject();
      a.put("extension", m.extension());
      a.put("dynamic", m.dynamic());
      a.put("state", m.state().name());
      a.put("calls", m.calls());
      if (m.lastCall() != null) {
        a.put("lastCall", m.lastCall().toString());
      }
    }
    return n;
  }

  private ObjectNode agent(String queue, String extension) {
    QueueRun run = service().run(queue).orElseThrow(() -> new NotFoundException("no queue " + queue));
    for (JsonNode a : live(run).get("agents")) {
      if (extension.equals(a.get("extension").asText())) {
        return (ObjectNode) a;
      }
    }
    throw new NotFoundException(extension + " is not a member of queue " + queue);
  }

  static QueueDraft draft(JsonNode node) {
    JsonFields.requireObject(node, "queue", FIELDS);
    return new QueueDraft(
        JsonFields.text(node, "number"),
        JsonFields.text(node, "name"),
        JsonFields.text(node, "strategy"),
        JsonFields.textList(node, "members"),
        JsonFields.integer(node, "memberTimeout"),
        JsonFields.integer(node, "retry"),
        JsonFields.integer(node, "wrapUp"),
        JsonFields.integer(node, "maxWait"),
        JsonFields.integer(node, "maxCallers"),
        JsonFields.bool(node, "joinEmpty"),
        JsonFields.bool(node, "leaveWhenEmpty"),
        JsonFields.bool(node, "ringInUse"),
        JsonFields.text(node, "music"),
        JsonFields.integer(node, "announceFrequency"),
        JsonFields.bool(node, "announcePosition"),
        JsonFields.bool(node, "announceHoldTime"),
        JsonFields.text(node, "exitKey"),
        JsonFields.text(node, "exitDestination"),
        JsonFields.text(node, "failover"),
        JsonFields.integer(node, "serviceLevel"));
  }

  static ObjectNode represent(CallQueue q, List<Acd.Member> members) {
    QueueSettings s = q.settings();
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("number", q.number());
    n.put("name", s.name());
    n.put("strategy", s.strategy().label());
    ArrayNode list = n.putArray("members");
    s.members().forEach(list::add);
    ArrayNode agents = n.putArray("agents");
    for (Acd.Member m : members) {
      ObjectNode a = agents.addObject();
      a.put("extension", m.extension());
      a.put("dynamic", m.dynamic());
      a.put("paused", m.paused());
    }
    n.put("memberTimeout", s.memberTimeout());
    n.put("retry", s.retry());
    n.put("wrapUp", s.wrapUp());
    n.put("maxWait", s.maxWait());
    n.put("maxCallers", s.maxCallers());
    n.put("joinEmpty", s.joinEmpty());
    n.put("leaveWhenEmpty", s.leaveWhenEmpty());
    n.put("ringInUse", s.ringInUse());
    n.put("music", s.music());
    n.put("announceFrequency", s.announceFrequency());
    n.put("announcePosition", s.announcePosition());
    n.put("announceHoldTime", s.announceHoldTime());
    n.put("exitKey", s.exitKey());
    n.put("exitDestination", s.exitDestination());
    n.put("failover", s.failover());
    n.put("serviceLevel", s.serviceLevel());
    n.put("updatedAt", q.updatedAt().toString());
    return n;
  }
}
