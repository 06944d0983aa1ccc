package org.convergepbx.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.sip.ConvergedHttpSession;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import org.convergepbx.app.PbxApplication;
import org.convergepbx.call.CallState;
import org.convergepbx.call.CallsIndex;

/**
 * Live calls, read from their SIP application sessions. {@code GET /api/v1/calls} lists them, each with an
 * {@code href} encoded by its {@code SipApplicationSession}; following that href joins the HTTP request to the
 * call's application session, and {@code GET /api/v1/calls/current} reads the call through the converged HTTP
 * session. An administrator hangs a call up with {@code DELETE /api/v1/calls/{callId}}.
 */
public final class CallsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient CallsIndex index;
  private transient SipSessionsUtil sessions;

  @Override
  public void init() {
    index = PbxApplication.from(getServletContext()).calls();
    sessions = (SipSessionsUtil) getServletContext().getAttribute(SipServlet.SIP_SESSIONS_UTIL);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo();
    if (path == null || path.equals("/")) {
      list(req, resp);
    } else if (path.equals("/current")) {
      current(req, resp);
    } else {
      ApiResponses.error(resp, 404, null, "no such resource");
    }
  }

  /**
   * {@code DELETE /api/v1/calls/{callId}} (administrators): hangs the call up. 202: the hang-up runs on the
   * call's session right away (both sides get a BYE; a ringing call is cancelled); 404: no such live call.
   */
  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo();
    String callId = path == null || path.length() < 2 ? null : path.substring(1);
    if (callId == null || callId.equals("current")) {
      ApiResponses.methodNotAllowed(resp, "GET", "DELETE a call by its Call-ID: /api/v1/calls/{callId}");
      return;
    }
    if (!PbxApplication.from(getServletContext()).callControl().hangUp(callId)) {
      ApiResponses.error(resp, 404, null, "no live call has Call-ID " + callId);
      return;
    }
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("callId", callId);
    n.put("action", "hangup");
    ApiResponses.json(resp, 202, n);
  }

  private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ArrayNode calls = ApiResponses.JSON.createArrayNode();
    for (Map.Entry<String, String> e : index.snapshot().entrySet()) {
      SipApplicationSession sas = sessions.getApplicationSessionById(e.getValue());
      CallState state = sas == null || !sas.isValid() ? null : stateOf(sas);
      if (state == null || "ENDED".equals(state.phase())) {
        index.remove(e.getKey());
        continue;
      }
      ObjectNode n = represent(state);
      URL self = new URL(req.getScheme(), req.getServerName(), req.getServerPort(), req.getContextPath() + "/api/v1/calls/current");
      n.put("href", sas.encodeURL(self).toString());
      calls.add(n);
    }
    ApiResponses.json(resp, 200, calls);
  }

  private void current(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (req.getQueryString() == null) {
      ApiResponses.error(resp, 404, null, "follow a call's href from /api/v1/calls");
      return;
    }
    ConvergedHttpSession session = (ConvergedHttpSession) req.getSession();
    SipApplicationSession sas = session.getApplicationSession();
    CallState state = sas == null ? null : stateOf(sas);
    if (state == null) {
      discardIfEmpty(sas);
      ApiResponses.error(resp, 404, null, "this HTTP session is not joined to a call; follow a call's href");
      return;
    }
    ApiResponses.json(resp, 200, represent(state));
  }

  /** An application session made just for this request (a stale or forged href) is not kept. */
  private static void discardIfEmpty(SipApplicationSession sas) {
    if (sas != null && sas.isValid() && !sas.getSessions().hasNext()) {
      sas.invalidate();
    }
  }

  private static CallState stateOf(SipApplicationSession sas) {
    Object o = sas.getAttribute(CallState.ATTRIBUTE);
    return o instanceof CallState s ? s : null;
  }

  private static ObjectNode represent(CallState s) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("callId", s.callId());
    n.put("caller", s.caller());
    n.put("callee", s.callee());
    n.put("phase", s.phase());
    n.put("startedAt", s.startedAt().toString());
    if (s.answeredAt() != null) {
      n.put("answeredAt", s.answeredAt().toString());
    }
    if (s.media() != null) {
      n.put("media", s.media());
    }
    return n;
  }
}
