package org.convergepbx.audit;

import java.util.Locale;

/**
 * What the HTTP side reports of one state-changing request, secrets already redacted from {@code summary}.
 *
 * @param role {@code admin}, {@code manager} or {@code extension} (an extension's owner)
 * @param status the HTTP status the request was answered with
 */
public record AuditEvent(
    String user, String role, String address, String method, String path, int status, String summary) {

  /** Accepted (2xx and 3xx) or refused (anything else). */
  public Outcome outcome() {
    return status >= 200 && status < 400 ? Outcome.ACCEPTED : Outcome.REFUSED;
  }

  /** Whether the change was made. */
  public enum Outcome {
    ACCEPTED,
    REFUSED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
