package org.convergepbx.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.persistence.Database;
import org.convergepbx.security.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on a real embedded Derby database migrated by Flyway. */
class AuditServiceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;
  private Database db;
  private AuditService audit;
  private final MutableClock clock = new MutableClock(T0);

  @BeforeEach
  void open() {
    db = Database.open("jdbc:derby:" + dir.resolve("db") + ";create=true", null, null, getClass().getClassLoader());
    audit = new AuditService(new JpaAuditRepository(db), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void entriesKeepWhoWhatAndWhenNewestFirst() {
    audit.record(event("alice", "admin", "POST", "/api/v1/extensions", 201, "{\"number\":\"1001\"}"));
    clock.advance(Duration.ofSeconds(5));
    audit.record(event("bob", "manager", "DELETE", "/api/v1/extensions/1001", 403, ""));

    AuditService.Page page = audit.search(AuditQuery.parse(Map.of()));
    assertEquals(2, page.total());
    AuditEntry newest = page.entries().get(0);
    assertEquals("bob", newest.user());
    assertEquals("manager", newest.role());
    assertEquals("10.0.0.7", newest.address());
    assertEquals("DELETE", newest.method());
    assertEquals(403, newest.status());
    assertEquals("refused", newest.outcome());
    assertEquals(T0.plusSeconds(5), newest.time());
    AuditEntry oldest = page.entries().get(1);
    assertEquals("accepted", oldest.outcome());
    assertEquals("{\"number\":\"1001\"}", oldest.summary());
    assertEquals(T0, oldest.time());
  }

  @Test
  void queriesFilterByUserAndTimeAndPage() {
    for (int i = 0; i < 5; i++) {
      audit.record(event(i % 2 == 0 ? "alice" : "bob", "admin", "PUT", "/api/v1/ivrs/" + i, 200, ""));
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(3, audit.search(AuditQuery.parse(Map.of("user", "alice"))).total());
    AuditService.Page window =
        audit.search(AuditQuery.parse(Map.of("from", T0.plusSeconds(60).toString(), "to", T0.plusSeconds(180).toString())));
    assertEquals(List.of("/api/v1/ivrs/2", "/api/v1/ivrs/1"), window.entries().stream().map(AuditEntry::path).toList());
    AuditService.Page second = audit.search(AuditQuery.parse(Map.of("size", "2", "page", "1")));
    assertEquals(5, second.total());
    assertEquals(List.of("/api/v1/ivrs/2", "/api/v1/ivrs/1"), second.entries().stream().map(AuditEntry::path).toList());
  }

  @Test
  void longTextIsCutToItsColumn() {
    audit.record(event("alice", "admin", "POST", "/api/v1/extensions/import", 201, "x".repeat(5000)));
    String summary = audit.search(AuditQuery.parse(Map.of())).entries().get(0).summary();
    assertEquals(AuditService.SUMMARY_LENGTH, summary.length());
    assertTrue(summary.endsWith("…"));
  }

  @Test
  void badQueriesNameTheParameter() {
    assertEquals("from", field(() -> AuditQuery.parse(Map.of("from", "yesterday"))));
    assertEquals("to", field(() -> AuditQuery.parse(Map.of("from", T0.toString(), "to", T0.toString()))));
    assertEquals("size", field(() -> AuditQuery.parse(Map.of("size", "0"))));
    assertEquals("page", field(() -> AuditQuery.parse(Map.of("page", "-1"))));
    assertEquals("who", field(() -> AuditQuery.parse(Map.of("who", "alice"))));
  }

  private static String field(org.junit.jupiter.api.function.Executable parse) {
    return assertThrows(InvalidInputException.class, parse).field();
  }

  private static AuditEvent event(String user, String role, String method, String path, int status, String summary) {
    return new AuditEvent(user, role, "10.0.0.7", method, path, status, summary);
  }
}
