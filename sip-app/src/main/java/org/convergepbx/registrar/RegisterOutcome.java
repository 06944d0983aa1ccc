package org.convergepbx.registrar;

import java.util.List;

/** What the registrar answers to a REGISTER. */
public sealed interface RegisterOutcome {
  /** 200 OK listing every current binding of the AOR. */
  record Registered(List<Binding> bindings) implements RegisterOutcome {}

  /** 423 Interval Too Brief with a Min-Expires header. */
  record IntervalTooBrief(int minExpires) implements RegisterOutcome {}

  /** A request the registrar refuses, with the SIP status and reason phrase to send. */
  record Refused(int status, String reason) implements RegisterOutcome {}
}
