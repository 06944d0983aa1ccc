package org.convergepbx.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.convergepbx.accounting.CallRecord;
import org.convergepbx.accounting.CallStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on a real Derby database: durable on return, shared commits, one bad write fails alone. */
class GroupCommitTest {
  private static final int THREADS = 16;
  private static final int WRITES_PER_THREAD = 25;

  @TempDir Path dir;
  private Database db;
  private GroupCommit writes;

  @BeforeEach
  void open() {
    db = Database.open("jdbc:derby:" + dir.resolve("db") + ";create=true", null, null, getClass().getClassLoader());
    writes = new GroupCommit(db, "test-writer", 64, Duration.ofSeconds(30));
  }

  @AfterEach
  void close() {
    writes.close();
    db.close();
  }

  @Test
  void concurrentWritesAreAllCommittedInFewerTransactions() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          CompletableFuture.runAsync(
              () -> {
                await(go);
                for (int i = 0; i < WRITES_PER_THREAD; i++) {
                  insert(record("t" + thread + "-" + i));
                }
              },
              pool));
    }
    go.countDown();
    CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get();
    pool.shutdown();

    long stored = db.read(em -> em.createQuery("SELECT COUNT(r) FROM CallRecord r", Long.class).getSingleResult());
    assertEquals(THREADS * WRITES_PER_THREAD, stored);
    assertEquals(THREADS * WRITES_PER_THREAD, writes.committedWrites());
    assertTrue(
        writes.commits() < writes.committedWrites(),
        "concurrent writers share commits: " + writes.commits() + " commits for " + writes.committedWrites());
  }

  @Test
  void aFailingWriteFailsOnlyItsOwnCaller() throws Exception {
    CallRecord taken = record("taken");
    insert(taken);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Void>> good = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String id = "good-" + t;
      good.add(CompletableFuture.runAsync(() -> { await(go); insert(record(id)); }, pool));
    }
    CompletableFuture<Void> duplicate =
        CompletableFuture.runAsync(() -> { await(go); insert(taken); }, pool);
    go.countDown();
    CompletableFuture.allOf(good.toArray(new CompletableFuture[0])).get();
    Exception failure = assertThrows(Exception.class, duplicate::get);
    assertTrue(failure.getCause() instanceof RuntimeException, failure.toString());
    pool.shutdown();

    long stored = db.read(em -> em.createQuery("SELECT COUNT(r) FROM CallRecord r", Long.class).getSingleResult());
    assertEquals(1 + THREADS, stored);
  }

  @Test
  void aClosedWriterRefusesWrites() {
    writes.close();
    assertThrows(IllegalStateException.class, () -> insert(record("late")));
  }

  private void insert(CallRecord r) {
    writes.write(
        em -> {
          em.persist(r);
          return null;
        });
  }

  private static CallRecord record(String callId) {
    return new CallRecord(
        new CallStart(
            callId, "1001", "1002", "from-internal", "\"1001\" <1001>", "Dial", "SIP/1002,60",
            "sip:1001@pbx.test", "sip:1002@pbx.test", "127.0.0.1:5062/udp", Instant.now()));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
