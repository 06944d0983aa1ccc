package org.convergepbx.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** HTTP digest algorithms (RFC 2617 MD5, RFC 8760 SHA-256). */
public enum DigestAlgorithm {
  MD5("MD5", "MD5"),
  SHA_256("SHA-256", "SHA-256");

  private final String token;
  private final String jcaName;

  DigestAlgorithm(String token, String jcaName) {
    this.token = token;
    this.jcaName = jcaName;
  }

  /** The token used in the {@code algorithm=} parameter. */
  public String token() {
    return token;
  }

  /** The algorithm named by an {@code algorithm=} parameter; absent means MD5 (RFC 2617). */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    if (token == null) {
      return Optional.of(MD5);
    }
    String t = token.toUpperCase(Locale.ROOT);
    for (DigestAlgorithm a : values()) {
      if (a.token.equals(t)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Lower-case hex digest of {@code text} in UTF-8. */
  public String hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance(jcaName);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is required by the JDK", e);
    }
  }

  /** HA1 = H(username:realm:password), the only form in which a SIP secret is stored. */
  public String ha1(String username, String realm, String password) {
    return hex(username + ":" + realm + ":" + password);
  }
}
