package org.convergepbx.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convergepbx.security.AllowList;
import org.convergepbx.security.AuthGuard;
import org.convergepbx.security.AuthResult;
import org.convergepbx.security.BanList;
import org.convergepbx.security.DigestAlgorithm;
import org.convergepbx.security.DigestAuthenticator;
import org.convergepbx.security.NonceManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Digest verification as the registrar and the proxy do it for every authenticated request, with the HA1
 * served from memory (the CPU cost of the digest code alone; {@link Ha1LookupBench} measures the HA1 lookup
 * the server really does, in Derby).
 *
 * <ul>
 *   <li>{@code challenge}: a 401/407 challenge (nonce = timestamp + SecureRandom + HMAC-SHA256), paid once per
 *       REGISTER and per call;
 *   <li>{@code authenticateValid}: a correct {@code qop=auth} answer with a fresh nonce count each time (the
 *       replay check refuses reused counts), <em>including</em> building the header as a client would;
 *   <li>{@code clientHeaderOnly}: that client-side header building alone, to subtract from the previous;
 *   <li>{@code authenticateWrongPassword}: the refusal path (full verification, the failure counted towards the
 *       lockout, then a new challenge with SHA-256 and MD5).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// short iterations so `-f 1 -wi 2 -i 3` finishes in minutes; -w / -r override the times
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DigestBench {
  private static final String REALM = "pbx.test";
  private static final String URI = "sip:127.0.0.1:5080";
  private static final String SOURCE = "192.0.2.1";
  /** The guesser: banned and locked out after ten tries, then counted on (the path a password-guessing run takes). */
  private static final String WRONG_SOURCE = "203.0.113.1";
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  private DigestAuthenticator auth;
  private String nonce;
  private long nc;
  private String wrongHeader;
  private final Map<String, String> ha1 = new HashMap<>();

  @Setup(Level.Iteration)
  public void setUp() {
    for (int i = 0; i < 1000; i++) {
      String user = String.valueOf(100000 + i);
      ha1.put(user, DigestAlgorithm.MD5.ha1(user, REALM, "secret-" + user));
    }
    BanList bans = new BanList(AllowList.parse(""), Clock.systemUTC(), ban -> { });
    auth =
        new DigestAuthenticator(
            REALM,
            new NonceManager(300, Clock.systemUTC()),
            (user, alg) -> alg == DigestAlgorithm.MD5 ? Optional.ofNullable(ha1.get(user)) : Optional.empty(),
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
            new AuthGuard(bans, new AuthGuard.Policy(10, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                Clock.systemUTC(), () -> { }));
    nonce = nonceOf(auth.challenge(false).headerValues().get(0));
    nc = 0;
    wrongHeader = header("100001", DigestAlgorithm.MD5.ha1("100001", REALM, "wrong-password"), nonce, 1);
  }

  @Benchmark
  public AuthResult.Challenge challenge() {
    return auth.challenge(false);
  }

  @Benchmark
  public AuthResult authenticateValid() {
    String h = header("100001", ha1.get("100001"), nonce, ++nc);
    return auth.authenticate("REGISTER", h, SOURCE);
  }

  @Benchmark
  public String clientHeaderOnly() {
    return header("100001", ha1.get("100001"), nonce, ++nc);
  }

  @Benchmark
  public AuthResult authenticateWrongPassword() {
    return auth.authenticate("REGISTER", wrongHeader, WRONG_SOURCE);
  }

  private static String nonceOf(String challenge) {
    Matcher m = NONCE.matcher(challenge);
    if (!m.find()) {
      throw new IllegalStateException("no nonce in " + challenge);
    }
    return m.group(1);
  }

  /** What a client sends: MD5, qop=auth (2 MD5 computations). */
  static String header(String user, String ha1, String nonce, long nc) {
    String ncHex = String.format("%08x", nc);
    String ha2 = DigestAlgorithm.MD5.hex("REGISTER:" + URI);
    String response = DigestAlgorithm.MD5.hex(ha1 + ":" + nonce + ":" + ncHex + ":cn0123:auth:" + ha2);
    return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
        + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + ncHex + ", cnonce=\"cn0123\"";
  }
}
