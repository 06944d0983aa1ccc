package org.convergepbx.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.convergepbx.extension.ExtensionDraft;
import org.convergepbx.extension.ExtensionService;
import org.convergepbx.extension.JpaExtensionRepository;
import org.convergepbx.registrar.Binding;
import org.convergepbx.registrar.JpaLocationService;
import org.convergepbx.security.AdminService;
import org.convergepbx.security.DigestAlgorithm;
import org.convergepbx.security.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JPA adapters on a real embedded Derby database, migrated by Flyway, in files that outlive a close. */
class DerbyDatabaseTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Database db;
  private final MutableClock clock = new MutableClock(T0);

  @BeforeEach
  void open() {
    db = openAt(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void locationServiceUpdatesRefreshesAndOrdersByQ() {
    JpaLocationService locations = new JpaLocationService(db);
    locations.update(
        "1001",
        List.of(binding("1001", "sip:1001@10.0.0.1", 500, 600), binding("1001", "sip:1001@10.0.0.2", 1000, 600)),
        List.of(),
        T0);
    List<Binding> refreshed =
        locations.update("1001", List.of(binding("1001", "sip:1001@10.0.0.1", 500, 1200)), List.of(), T0);
    assertEquals(
        List.of("sip:1001@10.0.0.2", "sip:1001@10.0.0.1"),
        refreshed.stream().map(Binding::contactUri).toList());
    assertEquals(1200, refreshed.get(1).secondsLeft(T0));

    List<Binding> afterRemoval =
        locations.update("1001", List.of(), List.of("sip:1001@10.0.0.2"), T0);
    assertEquals(List.of("sip:1001@10.0.0.1"), afterRemoval.stream().map(Binding::contactUri).toList());
  }

  @Test
  void expiredBindingsAreHiddenThenPurged() {
    JpaLocationService locations = new JpaLocationService(db);
    locations.update("1001", List.of(binding("1001", "sip:a@h", 1000, 60)), List.of(), T0);
    locations.update("1002", List.of(binding("1002", "sip:b@h", 1000, 3600)), List.of(), T0);
    Instant later = T0.plusSeconds(61);
    assertTrue(locations.lookup("1001", later).isEmpty());
    assertEquals(1, locations.countActive(later));
    assertEquals(1, locations.purgeExpired(later));
    assertEquals(0, locations.purgeExpired(later));
  }

  @Test
  void bindingsAndExtensionsSurviveClosingTheDatabase() {
    ExtensionService extensions =
        new ExtensionService(
            new JpaExtensionRepository(db), new JpaLocationService(db), "pbx.test", clock, n -> false);
    extensions.create(new ExtensionDraft("1001", "Alice", "alice-secret", "alice@example.org", null));
    new JpaLocationService(db).update("1001", List.of(binding("1001", "sip:1001@10.0.0.1", 1000, 600)), List.of(), T0);
    db.close();

    db = openAt(dir);
    JpaExtensionRepository reopened = new JpaExtensionRepository(db);
    assertEquals(
        DigestAlgorithm.MD5.ha1("1001", "pbx.test", "alice-secret"),
        reopened.find("1001").orElseThrow().ha1(DigestAlgorithm.MD5));
    assertEquals(1, new JpaLocationService(db).lookup("1001", T0).size());
  }

  @Test
  void adminPasswordIsGeneratedOnceAndOnlyItsHashKept() {
    AdminService admins = new AdminService(db, clock);
    Optional<String> generated = admins.bootstrap("admin", Optional.empty());
    assertTrue(generated.isPresent());
    assertTrue(admins.verify("admin", generated.get()));
    assertFalse(admins.verify("admin", "guess"));
    assertTrue(admins.bootstrap("admin", Optional.empty()).isEmpty(), "printed once only");

    String stored =
        db.read(em -> (String) em.createNativeQuery("SELECT password_hash FROM admin_account").getSingleResult());
    assertFalse(stored.contains(generated.get()));

    assertTrue(admins.bootstrap("admin", Optional.of("configured-password")).isEmpty());
    assertTrue(new AdminService(db, clock).verify("admin", "configured-password"));
    assertFalse(new AdminService(db, clock).verify("admin", generated.get()));
  }

  private static Binding binding(String aor, String contact, int q, int seconds) {
    return new Binding(aor, contact, q, T0.plusSeconds(seconds), "call", 1, "ua", "127.0.0.1:5060/udp", T0);
  }

  private static Database openAt(Path dir) {
    return Database.open(
        "jdbc:derby:" + dir.resolve("db") + ";create=true", null, null,
        DerbyDatabaseTest.class.getClassLoader());
  }
}
