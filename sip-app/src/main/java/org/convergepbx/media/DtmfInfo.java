package org.convergepbx.media;

import java.util.Locale;
import java.util.Optional;

/**
 * The key of a SIP INFO carrying DTMF, the fallback for phones that do not send RFC 4733 events:
 * {@code application/dtmf-relay} ({@code Signal=5}, {@code Duration=160} lines, as Cisco and most phones send)
 * and {@code application/dtmf} (the key alone).
 */
public final class DtmfInfo {
  private DtmfInfo() {}

  /** The key (0-9, *, #, A-D) of the body, or empty if the content type or body is not DTMF. */
  public static Optional<Character> key(String contentType, String body) {
    if (contentType == null || body == null) {
      return Optional.empty();
    }
    String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
    if (type.equals("application/dtmf-relay")) {
      for (String line : body.split("\r?\n")) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("signal")) {
          return keyOf(line.substring(eq + 1).trim());
        }
      }
      return Optional.empty();
    }
    return type.equals("application/dtmf") ? keyOf(body.trim()) : Optional.empty();
  }

  private static Optional<Character> keyOf(String text) {
    if (text.length() != 1) {
      return text.equals("10") ? Optional.of('*') : text.equals("11") ? Optional.of('#') : Optional.empty();
    }
    char c = Character.toUpperCase(text.charAt(0));
    return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D') ? Optional.of(c) : Optional.empty();
  }
}
