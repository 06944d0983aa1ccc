package org.convergepbx.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class CdrQueryTest {
  @Test
  void defaultsAreTheNewestFiftyRecords() {
    CdrQuery q = CdrQuery.parse(Map.of(), Set.of());
    assertEquals(0, q.page());
    assertEquals(50, q.size());
    assertEquals("start", q.sortField());
    assertFalse(q.ascending());
  }

  @Test
  void datesAreMidnightUtcAndInstantsAreKept() {
    CdrQuery q = CdrQuery.parse(Map.of("from", "2026-11-01", "to", "2026-11-02T06:30:00Z"), Set.of());
    assertEquals(Instant.parse("2026-11-01T00:00:00Z"), q.from());
    assertEquals(Instant.parse("2026-11-02T06:30:00Z"), q.to());
  }

  @Test
  void textFiltersHaveDefaultMatchesThatCanBeChanged() {
    CdrQuery q = CdrQuery.parse(Map.of("src", "10", "srcMatch", "prefix", "clid", "Ali", "trunk", "uni"), Set.of());
    assertEquals(new TextFilter("10", TextMatch.PREFIX), q.texts().get("src"));
    assertEquals(new TextFilter("Ali", TextMatch.CONTAINS), q.texts().get("clid"));
    assertEquals(new TextFilter("uni", TextMatch.EXACT), q.texts().get("trunk"));
  }

  @Test
  void likePatternsEscapeWildcards() {
    assertEquals("50\\%\\_off%", TextMatch.PREFIX.pattern("50%_off"));
    assertEquals("%a\\\\b%", TextMatch.CONTAINS.pattern("a\\b"));
    assertEquals("50%", TextMatch.EXACT.pattern("50%"));
  }

  @Test
  void dispositionsAcceptAsteriskNamesAndUnderscores() {
    CdrQuery q = CdrQuery.parse(Map.of("disposition", "NO ANSWER,busy,NO_ANSWER"), Set.of());
    assertEquals(Set.of(Disposition.NO_ANSWER, Disposition.BUSY), q.dispositions());
  }

  @Test
  void hugePagesAreCapped() {
    assertEquals(CdrQuery.MAX_SIZE, CdrQuery.parse(Map.of("size", "99999"), Set.of()).size());
  }

  @Test
  void eachBadParameterIsNamed() {
    assertField("colour", Map.of("colour", "red"));
    assertField("to", Map.of("from", "2026-11-02", "to", "2026-11-01"));
    assertField("to", Map.of("from", "2026-11-02", "to", "2026-11-02"));
    assertField("from", Map.of("from", "last week"));
    assertField("minDuration", Map.of("minDuration", "-1"));
    assertField("maxBillsec", Map.of("minBillsec", "9", "maxBillsec", "8"));
    assertField("sort", Map.of("sort", "uniqueid"));
    assertField("sort", Map.of("sort", "start,sideways"));
    assertField("size", Map.of("size", "0"));
    assertField("disposition", Map.of("disposition", "ANSWERED,LOST"));
    assertField("clidMatch", Map.of("clid", "x", "clidMatch", "regex"));
  }

  @Test
  void extraParametersAreAllowedOnlyWhereNamed() {
    assertTrue(CdrQuery.parse(Map.of("groupBy", "day"), Set.of("groupBy")).texts().isEmpty());
    assertField("groupBy", Map.of("groupBy", "day"));
  }

  @Test
  void dispositionFollowsTheFinalStatus() {
    assertEquals(Disposition.ANSWERED, Disposition.ofFinalStatus(200));
    assertEquals(Disposition.BUSY, Disposition.ofFinalStatus(486));
    assertEquals(Disposition.BUSY, Disposition.ofFinalStatus(600));
    assertEquals(Disposition.NO_ANSWER, Disposition.ofFinalStatus(487));
    assertEquals(Disposition.NO_ANSWER, Disposition.ofFinalStatus(408));
    assertEquals(Disposition.NO_ANSWER, Disposition.ofFinalStatus(480));
    assertEquals(Disposition.CONGESTION, Disposition.ofFinalStatus(503));
    assertEquals(Disposition.FAILED, Disposition.ofFinalStatus(404));
    assertEquals(Disposition.FAILED, Disposition.ofFinalStatus(403));
    assertEquals("NO ANSWER", Disposition.NO_ANSWER.label());
  }

  private static void assertField(String field, Map<String, String> params) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CdrQuery.parse(params, Set.of()));
    assertEquals(field, e.field());
  }
}
