package org.convergepbx.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Digest authentication of SIP requests (RFC 3261 §22, RFC 2617 with {@code qop=auth} offered, RFC 8760
 * SHA-256): one challenge per configured algorithm, most preferred first; nonces expire ({@code stale=true}),
 * nonce counts cannot be replayed, and the answer is the same whether or not the user exists or is locked out.
 * Clients that answer without qop (RFC 2069 form) are accepted, but each nonce serves them once. Wrong
 * credentials count towards the {@link AuthGuard}'s lockout.
 */
public final class DigestAuthenticator {
  private final String realm;
  private final NonceManager nonces;
  private final CredentialStore credentials;
  private final List<DigestAlgorithm> offered;
  private final AuthGuard guard;
  /** Compared against for unknown users, so they cost the same work as known ones. */
  private final String decoy = UUID.randomUUID().toString();

  /**
   * @param offered the algorithms challenged with, most preferred first (at least one); answers with any of
   *     them are accepted
   */
  public DigestAuthenticator(
      String realm, NonceManager nonces, CredentialStore credentials, List<DigestAlgorithm> offered,
      AuthGuard guard) {
    if (offered.isEmpty()) {
      throw new IllegalArgumentException("at least one digest algorithm is offered");
    }
    this.realm = realm;
    this.nonces = nonces;
    this.credentials = credentials;
    this.offered = List.copyOf(offered);
    this.guard = guard;
  }

  public String realm() {
    return realm;
  }

  /**
   * Checks the credentials of a request.
   *
   * @param method the SIP method of the request (part of HA2)
   * @param header the Authorization or Proxy-Authorization header value, or null
   * @param source the address the request came from (for the lockout of guessing sources)
   */
  public AuthResult authenticate(String method, String header, String source) {
    Optional<DigestCredentials> parsed = DigestCredentials.parse(header);
    if (parsed.isEmpty()) {
      return challenge(false);
    }
    DigestCredentials c = parsed.get();
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(c.algorithm());
    if (algorithm.isEmpty()
        || !offered.contains(algorithm.get())
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
    String expected =
        expectedResponse(algorithm.get(), ha1.orElseGet(() -> algorithm.get().hex(decoy)), method, c);
    boolean match =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            c.response().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    if (!match || ha1.isEmpty()) {
      guard.failed(c.username(), source);
      return challenge(false);
    }
    if (guard.lockedOut(c.username())) {
      return challenge(false);
    }
    if (verdict == NonceManager.Verdict.STALE) {
      return challenge(true);
    }
    long count = c.qop() == null ? 1 : parseCount(c.nc());
    if (!nonces.acceptCount(c.nonce(), count)) {
      return challenge(false);
    }
    guard.succeeded(c.username());
    return new AuthResult.Authenticated(c.username());
  }

  /** A fresh challenge: one header value per offered algorithm, the same nonce in each. */
  public AuthResult.Challenge challenge(boolean stale) {
    String nonce = nonces.issue();
    return new AuthResult.Challenge(
        offered.stream()
            .map(a -> "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + a.token()
                + ", qop=\"auth\"" + (stale ? ", stale=true" : ""))
            .toList());
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
