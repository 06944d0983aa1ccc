package org.convergepbx.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

/**
 * Digest authentication of SIP requests (RFC 3261 §22, RFC 2617 with {@code qop=auth} offered): nonces expire
 * ({@code stale=true}), nonce counts cannot be replayed, and the challenge is the same whether or not the user
 * exists. Clients that answer without qop (RFC 2069 form) are accepted, but each nonce serves them once.
 */
public final class DigestAuthenticator {
  private final String realm;
  private final NonceManager nonces;
  private final CredentialStore credentials;
  /** Compared against for unknown users, so they cost the same work as known ones. */
  private final String decoyHa1 = DigestAlgorithm.MD5.hex(UUID.randomUUID().toString());

  public DigestAuthenticator(String realm, NonceManager nonces, CredentialStore credentials) {
    this.realm = realm;
    this.nonces = nonces;
    this.credentials = credentials;
  }

  public String realm() {
    return realm;
  }

  /**
   * Checks the credentials of a request.
   *
   * @param method the SIP method of the request (part of HA2)
   * @param header the Authorization or Proxy-Authorization header value, or null
   */
  public AuthResult authenticate(String method, String header) {
    Optional<DigestCredentials> parsed = DigestCredentials.parse(header);
    if (parsed.isEmpty()) {
      return challenge(false);
    }
    DigestCredentials c = parsed.get();
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
    if (algorithm.isEmpty()
        || c.username() == null
        || c.nonce() == null
        || c.uri() == null
        || c.response() == null
        || !realm.equals(c.realm())
        || !wellFormedQop(c)) {
      return challenge(false);
    }
    NonceManager.Verdict verdict = nonces.check(c.nonce());
    if (verdict == NonceManager.Verdict.INVALID) {
      return challenge(false);
    }
    Optional<String> ha1 = credentials.ha1(c.username(), algorithm.get());
    String expected = expectedResponse(algorithm.get(), ha1.orElse(decoyHa1), method, c);
    boolean match =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            c.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!match || ha1.isEmpty()) {
      return challenge(false);
    }
    if (verdict == NonceManager.Verdict.STALE) {
      return challenge(true);
    }
    long count = c.qop() == null ? 1 : parseCount(c.nc());
    if (!nonces.acceptCount(c.nonce(), count)) {
      return challenge(false);
    }
    return new AuthResult.Authenticated(c.username());
  }

  /** A fresh challenge header value. */
  public AuthResult.Challenge challenge(boolean stale) {
    return new AuthResult.Challenge(
        "Digest realm=\""
            + realm
            + "\", nonce=\""
            + nonces.issue()
            + "\", algorithm=MD5, qop=\"auth\""
            + (stale ? ", stale=true" : ""));
  }

  /**
   * {@code qop=auth} with a cnonce and an 8-hex-digit nonce count; or no qop at all (RFC 2069 clients, which
   * RFC 3261 keeps compatible), in which case the nonce is good for one request only.
   */
  private static boolean wellFormedQop(DigestCredentials c) {
    if (c.qop() == null) {
      return c.nc() == null && c.cnonce() == null;
    }
    return "auth".equals(c.qop()) && c.cnonce() != null && parseCount(c.nc()) >= 1;
  }

  private static String expectedResponse(
      DigestAlgorithm alg, String ha1, String method, DigestCredentials c) {
    String ha2 = alg.hex(method + ":" + c.uri());
    if (c.qop() == null) {
      return alg.hex(ha1 + ":" + c.nonce() + ":" + ha2);
    }
    return alg.hex(ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":auth:" + ha2);
  }

  private static long parseCount(String nc) {
    if (nc == null || nc.length() != 8) {
      return -1;
    }
    try {
      return Long.parseLong(nc, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
