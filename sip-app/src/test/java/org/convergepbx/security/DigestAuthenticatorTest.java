package org.convergepbx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {
  private static final String REALM = "pbx.test";
  private static final String URI = "sip:pbx.test";
  private static final String SOURCE = "192.0.2.7";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final BanList bans = new BanList(AllowList.parse("198.51.100.0/24"), clock, ban -> {});
  private final AuthGuard guard =
      new AuthGuard(bans, new AuthGuard.Policy(3, Duration.ofMinutes(10), Duration.ofMinutes(15)), clock, () -> {});
  private final DigestAuthenticator auth = authenticator(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));

  private DigestAuthenticator authenticator(List<DigestAlgorithm> offered) {
    return new DigestAuthenticator(
        REALM,
        new NonceManager(300, clock),
        (user, alg) -> user.equals("1001") ? Optional.of(alg.ha1("1001", REALM, "secret-1001")) : Optional.empty(),
        offered,
        guard);
  }

  @Test
  void correctQopAuthResponseAuthenticates() {
    String nonce = freshNonce();
    AuthResult r = auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 1, "REGISTER"), SOURCE);
    assertEquals(new AuthResult.Authenticated("1001"), r);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameChallenge() {
    String nonce = freshNonce();
    AuthResult wrong = auth.authenticate("REGISTER", header("1001", "guess", nonce, 1, "REGISTER"), SOURCE);
    AuthResult unknown = auth.authenticate("REGISTER", header("9999", "guess", nonce, 1, "REGISTER"), SOURCE);
    assertEquals(shape(wrong), shape(unknown));
  }

  @Test
  void replayedNonceCountIsRefused() {
    String nonce = freshNonce();
    String h = header("1001", "secret-1001", nonce, 1, "REGISTER");
    assertInstanceOf(AuthResult.Authenticated.class, auth.authenticate("REGISTER", h, SOURCE));
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h, SOURCE));
    assertInstanceOf(
        AuthResult.Authenticated.class,
        auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 2, "REGISTER"), SOURCE));
  }

  @Test
  void expiredNonceWithCorrectResponseIsStale() {
    String nonce = freshNonce();
    clock.advance(Duration.ofSeconds(301));
    AuthResult r = auth.authenticate("REGISTER", header("1001", "secret-1001", nonce, 1, "REGISTER"), SOURCE);
    assertTrue(((AuthResult.Challenge) r).headerValues().get(0).contains("stale=true"));
  }

  @Test
  void expiredNonceWithWrongResponseIsNotStale() {
    String nonce = freshNonce();
    clock.advance(Duration.ofSeconds(301));
    AuthResult r = auth.authenticate("REGISTER", header("1001", "guess", nonce, 1, "REGISTER"), SOURCE);
    assertFalse(((AuthResult.Challenge) r).headerValues().get(0).contains("stale"));
  }

  @Test
  void forgedNonceIsRefused() {
    String nonce = freshNonce();
    String forged = nonce.substring(0, nonce.length() - 1) + (nonce.endsWith("0") ? "1" : "0");
    assertInstanceOf(
        AuthResult.Challenge.class,
        auth.authenticate("REGISTER", header("1001", "secret-1001", forged, 1, "REGISTER"), SOURCE));
  }

  @Test
  void responseIsBoundToTheMethod() {
    String nonce = freshNonce();
    assertInstanceOf(
        AuthResult.Challenge.class,
        auth.authenticate("INVITE", header("1001", "secret-1001", nonce, 1, "REGISTER"), SOURCE));
  }

  @Test
  void otherRealmIsRefused() {
    String nonce = freshNonce();
    String h = header("1001", "secret-1001", nonce, 1, "REGISTER").replace("realm=\"pbx.test\"", "realm=\"other\"");
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h, SOURCE));
  }

  @Test
  void rfc2069ResponseWithoutQopServesOnce() {
    String nonce = freshNonce();
    String ha1 = DigestAlgorithm.MD5.ha1("1001", REALM, "secret-1001");
    String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":" + DigestAlgorithm.MD5.hex("REGISTER:" + URI));
    String h = "Digest username=\"1001\", realm=\"pbx.test\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\"";
    assertEquals(new AuthResult.Authenticated("1001"), auth.authenticate("REGISTER", h, SOURCE));
    assertInstanceOf(AuthResult.Challenge.class, auth.authenticate("REGISTER", h, SOURCE));
  }

  @Test
  void challengeOffersSha256FirstThenMd5WithQopAuthAndOneNonce() {
    List<String> values = auth.challenge(false).headerValues();
    assertEquals(2, values.size());
    assertTrue(values.get(0).startsWith("Digest realm=\"pbx.test\""), values.get(0));
    assertTrue(values.get(0).contains("algorithm=SHA-256"), values.get(0));
    assertTrue(values.get(1).contains("algorithm=MD5"), values.get(1));
    values.forEach(v -> assertTrue(v.contains("qop=\"auth\""), v));
    assertEquals(nonceOf(values.get(0)), nonceOf(values.get(1)));
  }

  @Test
  void sha256ResponseAuthenticates() {
    String nonce = freshNonce();
    String h = header(DigestAlgorithm.SHA_256, "1001", "secret-1001", nonce, 1, "REGISTER");
    assertEquals(new AuthResult.Authenticated("1001"), auth.authenticate("REGISTER", h, SOURCE));
  }

  @Test
  void anAlgorithmNotOfferedIsRefused() {
    DigestAuthenticator shaOnly = authenticator(List.of(DigestAlgorithm.SHA_256));
    String nonce = nonceOf(shaOnly.challenge(false).headerValues().get(0));
    assertInstanceOf(AuthResult.Challenge.class,
        shaOnly.authenticate("REGISTER", header("1001", "secret-1001", nonce, 1, "REGISTER"), SOURCE));
    assertEquals(1, shaOnly.challenge(false).headerValues().size());
  }

  @Test
  void repeatedWrongPasswordsLockTheUserOutEvenWithTheRightOneUntilTheLockoutEnds() {
    for (int i = 1; i <= 3; i++) {
      auth.authenticate("REGISTER", header("1001", "guess" + i, freshNonce(), 1, "REGISTER"), "192.0.2." + i);
    }
    AuthResult locked = auth.authenticate("REGISTER", header("1001", "secret-1001", freshNonce(), 1, "REGISTER"), SOURCE);
    AuthResult unknown = auth.authenticate("REGISTER", header("9999", "guess", freshNonce(), 1, "REGISTER"), SOURCE);
    assertEquals(shape(unknown), shape(locked), "a locked-out user gets the answer a wrong password gets");
    assertTrue(bans.banned(BanList.Kind.USER, "1001"));
    clock.advance(Duration.ofMinutes(16));
    assertEquals(new AuthResult.Authenticated("1001"),
        auth.authenticate("REGISTER", header("1001", "secret-1001", freshNonce(), 1, "REGISTER"), SOURCE));
  }

  @Test
  void aGuessingSourceIsBannedAcrossUserNamesButAnAllowedSourceNever() {
    for (String user : List.of("2001", "2002", "2003")) {
      auth.authenticate("REGISTER", header(user, "guess", freshNonce(), 1, "REGISTER"), "203.0.113.9");
      auth.authenticate("REGISTER", header(user, "guess", freshNonce(), 1, "REGISTER"), "198.51.100.9");
    }
    assertTrue(bans.banned(BanList.Kind.SOURCE, "203.0.113.9"));
    assertFalse(bans.banned(BanList.Kind.SOURCE, "198.51.100.9"));
  }

  @Test
  void aSuccessForgetsTheUsersEarlierFailures() {
    auth.authenticate("REGISTER", header("1001", "guess", freshNonce(), 1, "REGISTER"), "192.0.2.1");
    auth.authenticate("REGISTER", header("1001", "guess", freshNonce(), 1, "REGISTER"), "192.0.2.2");
    auth.authenticate("REGISTER", header("1001", "secret-1001", freshNonce(), 1, "REGISTER"), SOURCE);
    auth.authenticate("REGISTER", header("1001", "guess", freshNonce(), 1, "REGISTER"), "192.0.2.3");
    assertFalse(bans.banned(BanList.Kind.USER, "1001"));
  }

  private static String nonceOf(String challenge) {
    Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
    assertTrue(m.find());
    return m.group(1);
  }

  private String freshNonce() {
    return nonceOf(auth.challenge(false).headerValues().get(0));
  }

  private static String header(String user, String password, String nonce, int nc, String method) {
    return header(DigestAlgorithm.MD5, user, password, nonce, nc, method);
  }

  private static String header(
      DigestAlgorithm alg, String user, String password, String nonce, int nc, String method) {
    String ncHex = String.format("%08x", nc);
    String ha1 = alg.ha1(user, REALM, password);
    String ha2 = alg.hex(method + ":" + URI);
    String response = alg.hex(ha1 + ":" + nonce + ":" + ncHex + ":cn:auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\", qop=auth, nc=" + ncHex + ", cnonce=\"cn\""
        + (alg == DigestAlgorithm.MD5 ? "" : ", algorithm=" + alg.token());
  }

  private static String shape(AuthResult r) {
    return String.join("\n", ((AuthResult.Challenge) r).headerValues()).replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"");
  }
}
