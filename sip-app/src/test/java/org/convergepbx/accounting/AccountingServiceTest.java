package org.convergepbx.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convergepbx.persistence.Database;
import org.convergepbx.persistence.GroupCommit;
import org.convergepbx.security.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounting lifecycle on a real embedded Derby database. */
class AccountingServiceTest {
  private static final Instant T0 = Instant.parse("2026-11-02T09:15:00Z");

  @TempDir Path dir;
  private Database db;
  private GroupCommit writes;
  private final MutableClock clock = new MutableClock(T0);
  private JpaCallRecordRepository records;
  private AccountingService accounting;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:derby:" + dir.resolve("db") + ";create=true", null, null, getClass().getClassLoader());
    writes = new GroupCommit(db, "test-cdr-writer", 64, Duration.ofSeconds(10));
    records = new JpaCallRecordRepository(db, writes);
    accounting = new AccountingService(records, clock, Duration.ofHours(4));
  }

  @AfterEach
  void close() {
    writes.close();
    db.close();
  }

  @Test
  void answeredCallHasDurationAndBillsec() {
    String id = accounting.open(start("c1", "1001", "1002"), "SIP/1002");
    clock.advance(Duration.ofSeconds(5));
    accounting.answered(id, "SIP/1002-abc");
    clock.advance(Duration.ofSeconds(65));
    accounting.hungUp(id, T0.plusSeconds(5));

    CallRecord r = records.find(id).orElseThrow();
    assertEquals("ANSWERED", r.disposition());
    assertEquals(70, r.duration());
    assertEquals(65, r.billsec());
    assertEquals(200, r.sipCode());
    assertEquals("SIP/1002-abc", r.dstchannel());
    assertTrue(!r.isOpen() && !r.reconciled());
  }

  @Test
  void crashLeftoversAreClosedAtTheirLastSeenTime() {
    String answered = accounting.open(start("c1", "1001", "1002"), "SIP/1002");
    String ringing = accounting.open(start("c2", "1003", "1004"), "SIP/1004");
    clock.advance(Duration.ofSeconds(2));
    accounting.answered(answered, "SIP/1002-x");
    clock.advance(Duration.ofSeconds(30));
    accounting.heartbeat();
    clock.advance(Duration.ofMinutes(10));

    AccountingService afterRestart = new AccountingService(records, clock, Duration.ofHours(4));
    assertEquals(2, afterRestart.reconcile(Duration.ofSeconds(45)));

    CallRecord a = records.find(answered).orElseThrow();
    assertEquals("ANSWERED", a.disposition());
    assertEquals(T0.plusSeconds(32), a.end());
    assertEquals(30, a.billsec());
    assertTrue(a.reconciled());
    CallRecord r = records.find(ringing).orElseThrow();
    assertEquals("NO ANSWER", r.disposition());
    assertTrue(r.reconciled());
    assertEquals(0, afterRestart.reconcile(Duration.ofSeconds(45)));
  }

  @Test
  void recordsOtherNodesStillHeartbeatAreLeftAlone() {
    AccountingService otherNode = new AccountingService(records, clock, Duration.ofHours(4));
    String carriedElsewhere = otherNode.open(start("c1", "1001", "1002"), "SIP/1002");
    clock.advance(Duration.ofSeconds(40));
    otherNode.heartbeat();
    clock.advance(Duration.ofSeconds(10));
    assertEquals(0, accounting.reconcile(Duration.ofSeconds(45)));
    assertTrue(records.find(carriedElsewhere).orElseThrow().isOpen());
    clock.advance(Duration.ofSeconds(40));
    assertEquals(1, accounting.reconcile(Duration.ofSeconds(45)));
  }

  @Test
  void hangUpCompletesARecordWhoseAnswerWasNeverWritten() {
    String id = accounting.open(start("c1", "1001", "1002"), "SIP/1002");
    Instant answeredAt = clock.instant().plusSeconds(3);
    clock.advance(Duration.ofSeconds(33));
    accounting.hungUp(id, answeredAt);
    CallRecord r = records.find(id).orElseThrow();
    assertEquals("ANSWERED", r.disposition());
    assertEquals(30, r.billsec());
  }

  @Test
  void callWhoseByeNeverCameIsClosedAtTheMaximumDuration() {
    String id = accounting.open(start("c1", "1001", "1002"), "SIP/1002");
    accounting.answered(id, "SIP/1002-x");
    clock.advance(Duration.ofHours(3));
    assertEquals(0, accounting.closeOverdue());
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertEquals(0, accounting.closeOverdue(), "a call still carried here is hung up by its own timer first");
    clock.advance(AccountingService.LIVE_CALL_GRACE);
    assertEquals(1, accounting.closeOverdue());
    CallRecord r = records.find(id).orElseThrow();
    assertEquals("max-duration", r.userfield());
    assertEquals("ANSWERED", r.disposition());
  }

  @Test
  void orphanPastTheMaximumDurationIsClosedAtTheLimit() {
    String id = accounting.open(start("c1", "1001", "1002"), "SIP/1002");
    accounting.answered(id, "SIP/1002-x");
    AccountingService restarted = new AccountingService(records, clock, Duration.ofHours(4));
    clock.advance(Duration.ofHours(4).plusSeconds(1));
    assertEquals(1, restarted.closeOverdue());
    CallRecord r = records.find(id).orElseThrow();
    assertEquals("max-duration", r.userfield());
    assertEquals(Duration.ofHours(4).toSeconds(), r.duration());
  }

  @Test
  void filterValuesAreDataNotSql() {
    accounting.rejected(start("c1", "1001", "9999"), 404, "Not Found");
    accounting.rejected(start("c2", "1002", "9999"), 404, "Not Found");
    for (String hostile : List.of("1001' OR '1'='1", "1001'--", "%' OR src LIKE '%")) {
      CdrQuery exact = CdrQuery.parse(Map.of("src", hostile, "srcMatch", "exact"), Set.of());
      assertEquals(0, records.count(exact), hostile);
      CdrQuery contains = CdrQuery.parse(Map.of("clid", hostile), Set.of());
      assertEquals(0, records.search(contains).size(), hostile);
      assertEquals(List.of(), records.summarize(exact, SummaryGroup.SRC), hostile);
    }
    CdrQuery percent = CdrQuery.parse(Map.of("src", "100%", "srcMatch", "prefix"), Set.of());
    assertEquals(0, records.count(percent), "a % in a value matches a %, not anything");
  }

  @Test
  void searchFiltersSortsAndSummarizes() {
    accounting.rejected(start("c1", "1001", "9999"), 404, "Not Found");
    clock.advance(Duration.ofHours(1));
    String id = accounting.open(start("c2", "1001", "1002"), "SIP/1002");
    accounting.answered(id, "SIP/1002-x");
    clock.advance(Duration.ofSeconds(40));
    accounting.hungUp(id, clock.instant().minusSeconds(40));
    accounting.rejected(start("c3", "2001", "1002"), 486, "Busy Here");

    CdrQuery bySrc = CdrQuery.parse(Map.of("src", "1001", "sort", "start,asc"), Set.of());
    assertEquals(2, records.count(bySrc));
    assertEquals(List.of("9999", "1002"), records.search(bySrc).stream().map(CallRecord::dst).toList());
    CdrQuery billed = CdrQuery.parse(Map.of("minBillsec", "30"), Set.of());
    assertEquals(1, records.count(billed));

    List<SummaryRow> byHour = records.summarize(CdrQuery.parse(Map.of(), Set.of()), SummaryGroup.HOUR);
    assertEquals(2, byHour.size());
    assertEquals(1, byHour.get(0).calls());
    assertEquals(2, byHour.get(1).calls());
    assertEquals(1, byHour.get(1).answered());
    assertEquals(40, byHour.get(1).totalBillsec());
    List<SummaryRow> byDisposition =
        records.summarize(CdrQuery.parse(Map.of(), Set.of()), SummaryGroup.DISPOSITION);
    assertEquals(List.of("ANSWERED", "BUSY", "FAILED"), byDisposition.stream().map(SummaryRow::key).toList());
  }

  private CallStart start(String callId, String src, String dst) {
    return new CallStart(
        callId, src, dst, "from-internal", "\"" + src + "\" <" + src + ">", "Dial", "SIP/" + dst + ",60",
        "sip:" + src + "@pbx.test", "sip:" + dst + "@pbx.test", "127.0.0.1:5062/udp", clock.instant());
  }
}
