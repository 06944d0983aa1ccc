package org.convergepbx.call;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.convergepbx.media.DtmfInfo;
import org.convergepbx.sip.SipResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The small SIP sends the call classes share; each logs and swallows a failure to send, as a call goes on. */
final class SipSends {
  private static final Logger LOG = LoggerFactory.getLogger(SipSends.class);

  private SipSends() {}

  /** A SIP INFO carrying a key on a leg with the server's media: 200 and the key is taken, else 415. */
  static void keyInfo(SipServletRequest info, Consumer<Character> keys) throws IOException {
    byte[] body = info.getRawContent();
    Optional<Character> key =
        DtmfInfo.key(info.getContentType(), body == null ? "" : new String(body, StandardCharsets.UTF_8));
    if (key.isEmpty()) {
      SipResponses.send(info, 415, "Unsupported Media Type");
      return;
    }
    SipResponses.send(info, 200, "OK");
    keys.accept(key.get());
  }

  static void dropLateAnswer(Leg leg, SipServletResponse ok) {
    try {
      ok.createAck().send();
      ok.getSession().createRequest("BYE").send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("A late answer could not be hung up: {}", e.toString());
    }
    leg.finished(ok.getStatus(), ok.getReasonPhrase());
  }

  static void sendCancel(Leg leg) {
    leg.cancelSent();
    try {
      leg.invite().createCancel().send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("CANCEL could not be sent: {}", e.toString());
    }
  }

  static boolean isCaller(Bridge bridge, SipServletMessage message) {
    return message.getSession().getId().equals(bridge.callerSession().getId());
  }

  static void sendBye(SipSession session) {
    try {
      if (session.isValid()) {
        session.createRequest("BYE").send();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("BYE could not be sent: {}", e.toString());
    }
  }

  static void relayResponse(SipServletResponse resp) {
    SipServletRequest original = resp.getRequest().getB2buaHelper().getLinkedSipServletRequest(resp.getRequest());
    if (original == null || original.isCommitted()) {
      return;
    }
    try {
      SipServletResponse relayed = original.createResponse(resp.getStatus(), resp.getReasonPhrase());
      copyContent(resp, relayed);
      relayed.send();
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} to {} could not be relayed: {}", resp.getStatus(), resp.getMethod(), e.toString());
    }
  }

  static void copyContent(SipServletMessage from, SipServletMessage to) throws IOException {
    byte[] body = from.getRawContent();
    if (body != null && body.length > 0) {
      to.setContent(body, from.getContentType());
    }
  }
}
