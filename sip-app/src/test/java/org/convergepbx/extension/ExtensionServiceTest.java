package org.convergepbx.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.registrar.Binding;
import org.convergepbx.registrar.LocationService;
import org.convergepbx.security.DigestAlgorithm;
import org.convergepbx.security.MutableClock;
import org.convergepbx.security.PasswordHasher;
import org.junit.jupiter.api.Test;

class ExtensionServiceTest {
  private final Map<String, Extension> stored = new TreeMap<>();
  private static final String RING_GROUP = "301";
  private final List<String> unregistered = new ArrayList<>();
  private final ExtensionService service =
      new ExtensionService(
          new MapRepository(), new RecordingLocations(), "pbx.test",
          new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
          RING_GROUP::equals);

  @Test
  void aRingGroupsNumberCannotBecomeAnExtension() {
    ConflictException e =
        assertThrows(
            ConflictException.class,
            () -> service.create(new ExtensionDraft(RING_GROUP, "Sales", "s3cret-pass", null, null)));
    assertEquals("number", e.field());
  }

  @Test
  void createdExtensionKeepsOnlyHa1ValuesOfTheSecret() {
    Extension e = service.create(new ExtensionDraft("1001", "Alice", "alice-secret", null, "4321"));
    assertEquals(DigestAlgorithm.MD5.ha1("1001", "pbx.test", "alice-secret"), e.ha1(DigestAlgorithm.MD5));
    assertEquals(
        DigestAlgorithm.SHA_256.ha1("1001", "pbx.test", "alice-secret"), e.ha1(DigestAlgorithm.SHA_256));
    assertTrue(PasswordHasher.verify("4321", e.voicemailPinHash()));
  }

  @Test
  void eachBadFieldIsNamed() {
    assertField("number", new ExtensionDraft("10 01", "A", "alice-secret", null, null));
    assertField("name", new ExtensionDraft("1001", " ", "alice-secret", null, null));
    assertField("secret", new ExtensionDraft("1001", "A", "short", null, null));
    assertField("secret", new ExtensionDraft("1001", "A", null, null, null));
    assertField("email", new ExtensionDraft("1001", "A", "alice-secret", "not-an-address", null));
    assertField("voicemailPin", new ExtensionDraft("1001", "A", "alice-secret", null, "12"));
    assertTrue(stored.isEmpty());
  }

  @Test
  void duplicateNumberIsAConflict() {
    service.create(new ExtensionDraft("1001", "Alice", "alice-secret", null, null));
    ConflictException e =
        assertThrows(
            ConflictException.class,
            () -> service.create(new ExtensionDraft("1001", "Again", "other-secret", null, null)));
    assertEquals("number", e.field());
    assertEquals("Alice", stored.get("1001").name());
  }

  @Test
  void importIsAllOrNothingAndNamesTheRecord() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                service.importAll(
                    List.of(
                        new ExtensionDraft("2001", "A", "secret-2001", null, null),
                        new ExtensionDraft("2002", "B", "bad", null, null))));
    assertEquals("[1].secret", e.field());
    assertTrue(stored.isEmpty());

    ConflictException dup =
        assertThrows(
            ConflictException.class,
            () ->
                service.importAll(
                    List.of(
                        new ExtensionDraft("2001", "A", "secret-2001", null, null),
                        new ExtensionDraft("2001", "B", "secret-2002", null, null))));
    assertEquals("[1].number", dup.field());
    assertTrue(stored.isEmpty());

    assertEquals(1, service.importAll(List.of(new ExtensionDraft("2003", "C", "secret-2003", null, null))).size());
    assertTrue(stored.containsKey("2003"));
  }

  @Test
  void updateWithoutASecretKeepsTheSecret() {
    service.create(new ExtensionDraft("1001", "Alice", "alice-secret", null, null));
    String ha1 = stored.get("1001").ha1(DigestAlgorithm.MD5);
    service.update("1001", new ExtensionDraft(null, "Alice B.", null, "alice@example.org", null));
    assertEquals(ha1, stored.get("1001").ha1(DigestAlgorithm.MD5));
    assertEquals("alice@example.org", stored.get("1001").email());
    assertThrows(
        InvalidInputException.class,
        () -> service.update("1001", new ExtensionDraft("1002", "x", null, null, null)));
    assertThrows(
        NotFoundException.class,
        () -> service.update("7777", new ExtensionDraft(null, "x", null, null, null)));
  }

  @Test
  void deleteRemovesTheRegistrationsToo() {
    service.create(new ExtensionDraft("1001", "Alice", "alice-secret", null, null));
    service.delete("1001");
    assertFalse(stored.containsKey("1001"));
    assertEquals(List.of("1001"), unregistered);
    assertThrows(NotFoundException.class, () -> service.delete("1001"));
  }

  private void assertField(String field, ExtensionDraft d) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> service.create(d));
    assertEquals(field, e.field());
  }

  private final class MapRepository implements ExtensionRepository {
    @Override
    public Optional<Extension> find(String number) {
      return Optional.ofNullable(stored.get(number));
    }

    @Override
    public List<Extension> findAll() {
      return List.copyOf(stored.values());
    }

    @Override
    public boolean exists(String number) {
      return stored.containsKey(number);
    }

    @Override
    public boolean longerNumberBegins(String prefix) {
      return stored.keySet().stream().anyMatch(n -> n.startsWith(prefix) && !n.equals(prefix));
    }

    @Override
    public void saveAll(Collection<Extension> extensions) {
      extensions.forEach(e -> stored.put(e.number(), e));
    }

    @Override
    public boolean delete(String number) {
      return stored.remove(number) != null;
    }
  }

  private final class RecordingLocations implements LocationService {
    @Override
    public List<Binding> lookup(String aor, Instant now) {
      return List.of();
    }

    @Override
    public List<Binding> update(String aor, Collection<Binding> upserts, Collection<String> removed, Instant now) {
      return List.of();
    }

    @Override
    public void removeAll(String aor) {
      unregistered.add(aor);
    }

    @Override
    public int purgeExpired(Instant now) {
      return 0;
    }

    @Override
    public long countActive(Instant now) {
      return 0;
    }
  }
}
