package org.convergepbx.call;

import java.time.Instant;
import javax.servlet.sip.SipServletRequest;
import org.convergepbx.accounting.CallStart;

/** What the accounting records of an initial INVITE. */
final class CallStarts {
  /** The context of calls between the PBX's own extensions (FreePBX's name for it). */
  static final String INTERNAL_CONTEXT = "from-internal";

  private CallStarts() {}

  static CallStart of(SipServletRequest invite, String caller, String dialled, int ringTimeout, Instant at) {
    String display = invite.getFrom().getDisplayName();
    String clid = "\"" + (display == null || display.isBlank() ? caller : display.replace("\"", "")) + "\" <" + caller + ">";
    return new CallStart(
        invite.getCallId(),
        caller,
        dialled,
        INTERNAL_CONTEXT,
        clid,
        "Dial",
        "SIP/" + dialled + "," + ringTimeout,
        invite.getFrom().getURI().toString(),
        invite.getTo().getURI().toString(),
        invite.getRemoteAddr() + ":" + invite.getRemotePort() + "/" + invite.getTransport(),
        at);
  }
}
