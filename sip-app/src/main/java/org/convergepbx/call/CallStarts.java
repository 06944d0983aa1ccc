package org.convergepbx.call;

import java.time.Instant;
import javax.servlet.sip.SipServletRequest;
import org.convergepbx.accounting.CallStart;

/** What the accounting records of an initial INVITE. */
final class CallStarts {
  private CallStarts() {}

  static CallStart of(
      SipServletRequest invite,
      String caller,
      String dialled,
      String app,
      String appData,
      String context,
      Instant at) {
    String display = invite.getFrom().getDisplayName();
    String clid = "\"" + (display == null || display.isBlank() ? caller : display.replace("\"", "")) + "\" <" + caller + ">";
    return new CallStart(
        invite.getCallId(),
        caller,
        dialled,
        context,
        clid,
        app,
        appData,
        invite.getFrom().getURI().toString(),
        invite.getTo().getURI().toString(),
        invite.getRemoteAddr() + ":" + invite.getRemotePort() + "/" + invite.getTransport(),
        at);
  }
}
