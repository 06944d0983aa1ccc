package org.convergepbx.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convergepbx.persistence.Database;

/**
 * The administrator account of the HTTP API. On first start without a configured password one is generated,
 * only its hash is stored, and it is handed back once to be printed.
 */
public final class AdminService {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int GENERATED_LENGTH = 20;

  private final Database db;
  private final Clock clock;
  /** Fingerprints of credentials already verified, so PBKDF2 runs once per credential, not per request. */
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  public AdminService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Makes sure {@code username} exists. A configured password replaces the stored hash when it differs.
   *
   * @return the generated password when one had to be made (first start, none configured)
   */
  public Optional<String> bootstrap(String username, Optional<String> configuredPassword) {
    return db.inTransaction(
        em -> {
          AdminAccount account = em.find(AdminAccount.class, username);
          if (configuredPassword.isPresent()) {
            String password = configuredPassword.get();
            if (account == null) {
              em.persist(new AdminAccount(username, PasswordHasher.hash(password), clock.instant()));
            } else if (!PasswordHasher.verify(password, account.passwordHash())) {
              account.setPasswordHash(PasswordHasher.hash(password));
            }
            return Optional.<String>empty();
          }
          if (account != null) {
            return Optional.<String>empty();
          }
          String generated = generate();
          em.persist(new AdminAccount(username, PasswordHasher.hash(generated), clock.instant()));
          return Optional.of(generated);
        });
  }

  /** True when the user exists and the password matches. */
  public boolean verify(String username, String password) {
    String fingerprint = DigestAlgorithm.SHA_256.hex(username + "\u0000" + password);
    if (verified.contains(fingerprint)) {
      return true;
    }
    AdminAccount account = db.read(em -> em.find(AdminAccount.class, username));
    boolean ok = account != null && PasswordHasher.verify(password, account.passwordHash());
    if (ok) {
      verified.add(fingerprint);
    }
    return ok;
  }

  private static String generate() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
