package org.convergepbx.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convergepbx.persistence.Database;
import org.convergepbx.queue.Acd;
import org.convergepbx.queue.JpaQueueLogRepository;
import org.convergepbx.queue.JpaQueueRepository;
import org.convergepbx.queue.QueueDraft;
import org.convergepbx.queue.QueueRun;
import org.convergepbx.queue.QueueService;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one waiting caller's tick costs (each waiting caller has one a second): a call centre at full load, every
 * agent on a queue call and {@code callers} waiting.
 *
 * <ul>
 *   <li>{@code dispatch}: the distributor alone ({@code Acd.dispatch}: the callers in order, every member's state;
 *       registration checks answered from memory, as the server's one-second cache does);
 *   <li>{@code tick}: what the server does each second for a caller: read the queue and its agents from Derby
 *       ({@code QueueService.run}), mark the caller seen, dispatch.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// short iterations so `-f 1 -wi 2 -i 3` finishes in minutes; -w / -r override the times
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class QueueTickBench {
  private static final String QUEUE = "400";

  @Param({"10", "100"})
  public int agents;

  @Param({"1", "50"})
  public int callers;

  private Path dir;
  private Database db;
  private QueueService queues;
  private Acd acd;
  private final Acd.Lines phones = new Acd.Lines() {
    @Override
    public boolean reachable(String extension) {
      return true;
    }

    @Override
    public boolean onCall(String extension) {
      return false;
    }
  };
  private Acd.Setup setup;
  /** One instant for the whole run: no caller goes stale, no wrap-up ends, so every call measures the same state. */
  private Instant now;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = DerbyState.newDir("pbx-jmh-queue");
    db = DerbyState.open(dir);
    Clock clock = Clock.systemUTC();
    List<String> members = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      members.add(String.valueOf(2000 + i));
    }
    queues = new QueueService(
        new JpaQueueRepository(db), new JpaQueueLogRepository(db), members::contains, n -> false, d -> true,
        d -> List.of(), r -> true, clock);
    queues.put(QUEUE, new QueueDraft(null, "Support", "leastrecent", members, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null));
    setup = queues.run(QUEUE).orElseThrow().setup();
    acd = new Acd(new Random(1));
    now = Instant.now();
    for (int i = 0; i < agents; i++) {
      acd.join(setup, "talking-" + i, now, phones);
      acd.connected("talking-" + i, members.get(i), now);
    }
    for (int i = 0; i < callers; i++) {
      acd.join(setup, "waiting-" + i, now, phones);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    DerbyState.delete(dir);
  }

  @Benchmark
  public List<Acd.Offer> dispatch() {
    acd.seen("waiting-0", now);
    return acd.dispatch(setup, now, phones);
  }

  @Benchmark
  public List<Acd.Offer> tick() {
    QueueRun run = queues.run(QUEUE).orElseThrow();
    acd.seen("waiting-0", now);
    return acd.dispatch(run.setup(), now, phones);
  }
}
