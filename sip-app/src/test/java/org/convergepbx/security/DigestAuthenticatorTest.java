package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {
  private static final String REALM = "pbx.test";
  private static final String URI = "sip:pbx.test";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final DigestAuthenticator auth =
      new DigestAuthenticator(
          REALM,
          new NonceManager(300, clock),
          (user, alg) ->
              user.equals("1001") ? Optional.of(alg.ha1("1001", REALM, "secret-1001")) : Optional.empty());

  @Test
  void correctQopAuthResponseAuthenticates() {
    String nonce = freshNonce();
    AuthResult r = auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 1, "REGISTER"));
    assertEquals(new AuthResult.Authenticated("1001"), r);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameChallenge() {
    String nonce = freshNonce();
    AuthResult wrong = auth.authenticate("REGISTER", header("1001", "guess", nonce, 1, "REGISTER"));
    AuthResult unknown = auth.authenticate("REGISTER", header("9999", "guess", nonce, 1, "REGISTER"));
    assertEquals(shape(wrong), shape(unknown));
  }

  @Test
  void replayedNonceCountIsRefused() {
    String nonce = freshNonce();
    String h = header("1001", "secret-1001", nonce, 1, "REGISTER");
    assertInstanceOf(AuthResult.Authenticated.class, auth.authenticate("REGISTER", h));
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h));
    assertInstanceOf(
        AuthResult.Authenticated.class,
        auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 2, "REGISTER")));
  }

  @Test
  void expiredNonceWithCorrectResponseIsStale() {
    String nonce = freshNonce();
    clock.advance(Duration.ofSeconds(301));
    AuthResult r = auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 1, "REGISTER"));
    assertTrue(((AuthResult.Challenge) r).headerValue().contains("stale=true"));
  }

  @Test
  void expiredNonceWithWrongResponseIsNotStale() {
    String nonce = freshNonce();
    clock.advance(Duration.ofSeconds(301));
    AuthResult r = auth.authenticate("REGISTER", header("1001", "guess", nonce, 1, "REGISTER"));
    assertFalse(((AuthResult.Challenge) r).headerValue().contains("stale"));
  }

  @Test
  void forgedNonceIsRefused() {
    String nonce = freshNonce();
    String forged = nonce.substring(0, nonce.length() - 1) + (nonce.endsWith("0") ? "1" : "0");
    assertInstanceOf(
        AuthResult.Challenge.class,
        auth.authenticate("REGISTER", header("1001", "secret-1001", forged, 1, "REGISTER")));
  }

  @Test
  void responseIsBoundToTheMethod() {
    String nonce = freshNonce();
    assertInstanceOf(
        AuthResult.Challenge.class,
        auth.authenticate("INVITE", header("1001", "secret-1001", nonce, 1, "REGISTER")));
  }

  @Test
  void otherRealmIsRefused() {
    String nonce = freshNonce();
    String h = header("1001", "secret-1001", nonce, 1, "REGISTER").replace("realm=\"pbx.test\"", "realm=\"other\"");
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h));
  }

  @Test
  void rfc2069ResponseWithoutQopServesOnce() {
    String nonce = freshNonce();
    String ha1 = DigestAlgorithm.MD5.ha1("1001", REALM, "secret-1001");
    String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":" + DigestAlgorithm.MD5.hex("REGISTER:" + URI));
    String h = "Digest username=\"1001\", realm=\"pbx.test\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\"";
    assertEquals(new AuthResult.Authenticated("1001"), auth.authenticate("REGISTER", h));
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h));
  }

  @Test
  void challengeOffersQopAuthWithMd5() {
    String value = auth.challenge(false).headerValue();
    assertTrue(value.startsWith("Digest realm=\"pbx.test\""), value);
    assertTrue(value.contains("qop=\"auth\""), value);
    assertTrue(value.contains("algorithm=MD5"), value);
  }

  private String freshNonce() {
    Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(auth.challenge(false).headerValue());
    assertTrue(m.find());
    return m.group(1);
  }

  private static String header(String user, String password, String nonce, int nc, String method) {
    String ncHex = String.format("%08x", nc);
    String ha1 = DigestAlgorithm.MD5.ha1(user, REALM, password);
    String ha2 = DigestAlgorithm.MD5.hex(method + ":" + URI);
    String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":" + ncHex + ":cn:auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\", qop=auth, nc=" + ncHex + ", cnonce=\"cn\"";
  }

  private static String shape(AuthResult r) {
    return ((AuthResult.Challenge) r).headerValue().replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"");
  }
}
