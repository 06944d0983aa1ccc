package org.convergepbx.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks digest nonces without storing them: a nonce is {@code hex(issuedAtMillis) + hex(random)
 * + hmac}, signed with a key that lives only in this process. Nonce counts are tracked per nonce so a replayed
 * {@code nc} is refused; that memory is bounded by the nonce lifetime.
 */
public final class NonceManager {
  /** The verdict on a nonce. */
  public enum Verdict {
    VALID,
    STALE,
    INVALID
  }

  private static final int RANDOM_BYTES = 8;
  private static final int MAC_HEX = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final SecureRandom random = new SecureRandom();
  private final byte[] key = new byte[32];
  private final long ttlMillis;
  private final Clock clock;
  private final ConcurrentHashMap<String, Long> lastCount = new ConcurrentHashMap<>();
  private volatile long nextPurge;

  public NonceManager(long ttlSeconds, Clock clock) {
    this.ttlMillis = ttlSeconds * 1000;
    this.clock = clock;
    random.nextBytes(key);
  }

  public String issue() {
    byte[] r = new byte[RANDOM_BYTES];
    random.nextBytes(r);
    String body = String.format("%012x", clock.millis()) + HEX.formatHex(r);
    return body + mac(body);
  }

  /** Whether {@code nonce} was issued here and is still young enough. */
  public Verdict check(String nonce) {
    if (nonce == null || nonce.length() != 12 + RANDOM_BYTES * 2 + MAC_HEX) {
      return Verdict.INVALID;
    }
    String body = nonce.substring(0, nonce.length() - MAC_HEX);
    byte[] expected = mac(body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = nonce.substring(body.length()).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Verdict.INVALID;
    }
    long issuedAt;
    try {
      issuedAt = Long.parseLong(body.substring(0, 12), 16);
    } catch (NumberFormatException e) {
      return Verdict.INVALID;
    }
    return clock.millis() - issuedAt > ttlMillis ? Verdict.STALE : Verdict.VALID;
  }

  /**
   * Records nonce count {@code nc} for {@code nonce}; false when it is not higher than one already used
   * (a replay).
   */
  public boolean acceptCount(String nonce, long nc) {
    purgeOccasionally();
    boolean[] accepted = {false};
    lastCount.compute(
        nonce,
        (k, last) -> {
          if (last == null || nc > last) {
            accepted[0] = true;
            return nc;
          }
          return last;
        });
    return accepted[0];
  }

  private void purgeOccasionally() {
    long now = clock.millis();
    if (now < nextPurge) {
      return;
    }
    nextPurge = now + ttlMillis;
    lastCount.keySet().removeIf(n -> check(n) != Verdict.VALID);
  }

  private String mac(String body) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return HEX.formatHex(m.doFinal(body.getBytes(StandardCharsets.US_ASCII))).substring(0, MAC_HEX);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the JDK", e);
    }
  }
}
