package org.convergepbx.sip;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/** Sending final responses, once: a request already answered is left alone. */
public final class SipResponses {
  /** Methods this server accepts outside a dialog or carries inside one. */
  public static final String ALLOW =
      "INVITE, ACK, CANCEL, BYE, REGISTER, OPTIONS, UPDATE, INFO, PRACK";

  private SipResponses() {}

  public static void send(SipServletRequest req, int status, String reason) throws IOException {
    if (!req.isCommitted()) {
      req.createResponse(status, reason).send();
    }
  }

  /**
   * Invalidates the application session of a request that has been answered and creates no dialog. Only sessions
   * holding no call are released.
   */
  public static void release(SipServletRequest req) {
    if (!req.isCommitted()) {
      return;
    }
    javax.servlet.sip.SipApplicationSession sas = req.getApplicationSession(false);
    if (sas != null && sas.isValid() && sas.getAttribute("org.convergepbx.call") == null) {
      sas.invalidate();
    }
  }

  public static void sendWithHeader(
      SipServletRequest req, int status, String reason, String header, String value)
      throws IOException {
    if (!req.isCommitted()) {
      SipServletResponse r = req.createResponse(status, reason);
      r.setHeader(header, value);
      r.send();
    }
  }

  /** A 401 or 407 with one challenge header per offered digest algorithm, in the order given. */
  public static void sendChallenge(SipServletRequest req, int status, String reason, String header,
      java.util.List<String> challenges) throws IOException {
    if (!req.isCommitted()) {
      SipServletResponse r = req.createResponse(status, reason);
      challenges.forEach(c -> r.addHeader(header, c));
      r.send();
    }
  }

  /**
   * True if {@code e} is the container's refusal to send an answer because there is no way back to the sender
   * (its Via names a transport or host this server cannot reach): the request's fault, not the server's.
   */
  public static boolean undeliverable(IllegalStateException e) {
    return e.getMessage() != null && e.getMessage().startsWith("an exception occured when sending the response");
  }
}
