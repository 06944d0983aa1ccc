package org.convergepbx.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.persistence.Database;

/**
 * The users of the HTTP API: administrators and managers. The configured administrator ({@code PBX_ADMIN_USER})
 * always exists with the ADMIN role; on first start without a configured password one is generated, only its
 * hash is stored, and it is handed back once to be printed.
 */
public final class AdminService {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int GENERATED_LENGTH = 20;

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MIN_PASSWORD = 10;

  /** A hash of a random password nobody knows: unknown user names are checked against it. */
  private static final String UNKNOWN_USER_HASH = PasswordHasher.hash(generate());

  private final Database db;
  private final Clock clock;
  /** Fingerprints of credentials already verified, so PBKDF2 runs once per credential, not per request. */
  private final Map<String, Role> verified = new ConcurrentHashMap<>();

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
              em.persist(new AdminAccount(username, PasswordHasher.hash(password), Role.ADMIN, clock.instant()));
            } else {
              if (!PasswordHasher.verify(password, account.passwordHash())) {
                account.setPasswordHash(PasswordHasher.hash(password));
              }
              account.makeAdmin();
            }
            return Optional.<String>empty();
          }
          if (account != null) {
            account.makeAdmin();
            return Optional.<String>empty();
          }
          String generated = generate();
          em.persist(new AdminAccount(username, PasswordHasher.hash(generated), Role.ADMIN, clock.instant()));
          return Optional.of(generated);
        });
  }

  /** True when the user exists and the password matches. */
  public boolean verify(String username, String password) {
    return authenticate(username, password).isPresent();
  }

  /**
   * The user's role when the user exists and the password matches. An unknown user name costs the same
   * PBKDF2 work as a known one (checked against a hash no password matches), so timing tells no user names.
   */
  public Optional<Role> authenticate(String username, String password) {
    String fingerprint = DigestAlgorithm.SHA_256.hex(username + "\u0000" + password);
    Role known = verified.get(fingerprint);
    if (known != null) {
      return Optional.of(known);
    }
    AdminAccount account = db.read(em -> em.find(AdminAccount.class, username));
    boolean matches = PasswordHasher.verify(password, account == null ? UNKNOWN_USER_HASH : account.passwordHash());
    if (account == null || !matches) {
      return Optional.empty();
    }
    verified.put(fingerprint, account.role());
    return Optional.of(account.role());
  }

  /**
   * Creates a user of the HTTP API.
   *
   * @throws ConflictException when the user name is taken
   */
  public AdminAccount create(String username, String password, Role role) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new InvalidInputException("username", "username must be 1 to 64 letters, digits, '.', '-' or '_'");
    }
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 256) {
      throw new InvalidInputException("password", "password must be " + MIN_PASSWORD + " to 256 characters");
    }
    return db.inTransaction(
        em -> {
          if (em.find(AdminAccount.class, username) != null) {
            throw new ConflictException("username", "user " + username + " already exists");
          }
          AdminAccount a = new AdminAccount(username, PasswordHasher.hash(password), role, clock.instant());
          em.persist(a);
          return a;
        });
  }

  public List<AdminAccount> list() {
    return db.read(
        em -> em.createQuery("SELECT a FROM AdminAccount a ORDER BY a.username", AdminAccount.class).getResultList());
  }

  /**
   * Deletes a user; the last administrator cannot be deleted.
   *
   * @throws NotFoundException when there is no such user
   */
  public void delete(String username) {
    db.run(
        em -> {
          AdminAccount a = em.find(AdminAccount.class, username);
          if (a == null) {
            throw new NotFoundException("no user " + username);
          }
          if (a.role() == Role.ADMIN && countWith(em, Role.ADMIN) <= 1) {
            throw new ConflictException("username", "the last administrator cannot be deleted");
          }
          em.remove(a);
        });
    verified.clear();
  }

  private static long countWith(javax.persistence.EntityManager em, Role role) {
    return em.createQuery("SELECT COUNT(a) FROM AdminAccount a WHERE a.role = :role", Long.class)
        .setParameter("role", role.label())
        .getSingleResult();
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
