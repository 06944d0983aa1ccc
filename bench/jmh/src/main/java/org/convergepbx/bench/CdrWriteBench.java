package org.convergepbx.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.accounting.CallRecord;
import org.convergepbx.accounting.CallRecordRepository;
import org.convergepbx.accounting.CallStart;
import org.convergepbx.accounting.CdrQuery;
import org.convergepbx.accounting.Concurrency;
import org.convergepbx.accounting.JpaCallRecordRepository;
import org.convergepbx.accounting.SummaryGroup;
import org.convergepbx.accounting.SummaryRow;
import org.convergepbx.persistence.Database;
import org.convergepbx.persistence.GroupCommit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many calls per second the call records can keep up with: one operation is a whole call's three writes
 * (open before ringing, answer, hang-up), each returning once committed, from 32 threads at once (the SIP
 * threads of a busy server) on an embedded Derby database on disk. {@code group}: the server's writer
 * (GroupCommit, concurrent writes share commits); {@code direct}: each write its own transaction on a pooled
 * connection, as before group commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(32)
public class CdrWriteBench {
  @Param({"group", "direct"})
  public String writer;

  private Path dir;
  private Database db;
  private GroupCommit writes;
  private AccountingService accounting;

  @Setup(Level.Trial)
  public void open() throws Exception {
    dir = DerbyState.newDir("pbx-jmh-cdr");
    db = DerbyState.open(dir);
    writes = new GroupCommit(db, "bench-cdr-writer", 256, Duration.ofSeconds(30));
    CallRecordRepository grouped = new JpaCallRecordRepository(db, writes);
    CallRecordRepository records = "group".equals(writer) ? grouped : new DirectWrites(db, grouped);
    accounting = new AccountingService(records, Clock.systemUTC(), Duration.ofHours(4));
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    writes.close();
    db.close();
    DerbyState.delete(dir);
  }

  @Benchmark
  public String call() {
    String callId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    String id =
        accounting.open(
            new CallStart(callId, "1001", "1002", "from-internal", "\"1001\" <1001>", "Dial", "SIP/1002,60",
                "sip:1001@pbx.test", "sip:1002@pbx.test", "127.0.0.1:5062/udp", now),
            "SIP/1002");
    accounting.answered(id, "SIP/1002-" + id.substring(0, 8));
    accounting.hungUp(id, now);
    return id;
  }

  /** The writes as the server did them before group commit: one transaction each; reads as the server's. */
  private static final class DirectWrites implements CallRecordRepository {
    private final Database db;
    private final CallRecordRepository reads;

    DirectWrites(Database db, CallRecordRepository reads) {
      this.db = db;
      this.reads = reads;
    }

    @Override
    public void insert(CallRecord record) {
      db.run(em -> em.persist(record));
    }

    @Override
    public boolean update(String uniqueid, Consumer<CallRecord> change) {
      return db.inTransaction(
          em -> {
            CallRecord r = em.find(CallRecord.class, uniqueid);
            if (r == null) {
              return false;
            }
            change.accept(r);
            return true;
          });
    }

    @Override
    public void touch(Collection<String> uniqueids, Instant at) {
      reads.touch(uniqueids, at);
    }

    @Override
    public List<CallRecord> findOpen(Instant startedBefore) {
      return reads.findOpen(startedBefore);
    }

    @Override
    public Optional<CallRecord> find(String uniqueid) {
      return reads.find(uniqueid);
    }

    @Override
    public List<CallRecord> search(CdrQuery query) {
      return reads.search(query);
    }

    @Override
    public long count(CdrQuery query) {
      return reads.count(query);
    }

    @Override
    public List<Concurrency.Interval> intervals(Instant from, Instant to, int limit) {
      return reads.intervals(from, to, limit);
    }

    @Override
    public List<SummaryRow> summarize(CdrQuery query, SummaryGroup group) {
      return reads.summarize(query, group);
    }
  }
}
