package org.convergepbx.routing;

import java.util.List;

/** What the SIP layer must do with a new call. */
public sealed interface CallDecision {
  /** Fork the call in parallel to these contact URIs, record-routing. */
  record RingContacts(String extension, List<String> contacts) implements CallDecision {}

  /** Answer the caller with this final status. */
  record Reject(int status, String reason) implements CallDecision {}
}
