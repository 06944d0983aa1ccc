package org.convergepbx.security;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a {@code Digest} Authorization / Proxy-Authorization header value (RFC 2617 §3.2.2).
 * Parsing never throws: a value that is not a well-formed Digest credential yields empty.
 */
public record DigestCredentials(Map<String, String> params) {

  public String username() {
    return params.get("username");
  }

  public String realm() {
    return params.get("realm");
  }

  public String nonce() {
    return params.get("nonce");
  }

  public String uri() {
    return params.get("uri");
  }

  public String response() {
    return params.get("response");
  }

  public String qop() {
    return params.get("qop");
  }

  public String nc() {
    return params.get("nc");
  }

  public String cnonce() {
    return params.get("cnonce");
  }

  public String algorithm() {
    return params.get("algorithm");
  }

  /** Parses a header value such as {@code Digest username="1001", realm="pbx", ...}. */
  public static Optional<DigestCredentials> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (h.length() < 7 || !h.substring(0, 6).equalsIgnoreCase("Digest") || !Character.isWhitespace(h.charAt(6))) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    int i = 7;
    int n = h.length();
    while (i < n) {
      while (i < n && (h.charAt(i) == ',' || Character.isWhitespace(h.charAt(i)))) {
        i++;
      }
      int eq = h.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = h.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && Character.isWhitespace(h.charAt(i))) {
        i++;
      }
      String value;
      if (i < n && h.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n && h.charAt(i) != '"') {
          if (h.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          sb.append(h.charAt(i++));
        }
        if (i >= n) {
          return Optional.empty();
        }
        i++;
        value = sb.toString();
      } else {
        int end = h.indexOf(',', i);
        end = end < 0 ? n : end;
        value = h.substring(i, end).trim();
        i = end;
      }
      if (name.isEmpty() || params.putIfAbsent(name, value) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(new DigestCredentials(Map.copyOf(params)));
  }
}
