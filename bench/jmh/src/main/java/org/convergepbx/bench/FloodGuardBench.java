package org.convergepbx.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.convergepbx.security.AllowList;
import org.convergepbx.security.BanList;
import org.convergepbx.security.FloodGuard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The flood guard's cost on every SIP request ({@code FloodGuard.admit}, before anything else), 2 threads as the
 * container's SIP threads call it:
 *
 * <ul>
 *   <li>{@code admitManySources}: requests spread over 10 000 source addresses (a busy node), none over its limit;
 *   <li>{@code admitBannedSource}: every request from one banned source (the cost of dropping a flood);
 *   <li>{@code admitAllowedSource}: a source on the allow-list (a SIP edge in front of the node).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(2)
public class FloodGuardBench {
  private static final int SOURCES = 10_000;

  private FloodGuard guard;
  private String[] sources;

  @Setup(Level.Iteration)
  public void setUp() {
    AllowList allowed = AllowList.parse("127.0.0.1,10.0.0.0/8");
    BanList bans = new BanList(allowed, Clock.systemUTC(), ban -> { });
    guard = new FloodGuard(bans, allowed, a -> a.startsWith("192.0.2."),
        new FloodGuard.Limits(Duration.ofSeconds(2), Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1,
            Duration.ofMinutes(10)), Clock.systemUTC());
    sources = new String[SOURCES];
    for (int i = 0; i < SOURCES; i++) {
      sources[i] = "198.51." + (i / 250) + "." + (i % 250);
    }
    bans.ban(BanList.Kind.SOURCE, "203.0.113.66", BanList.Cause.OPERATOR, "bench", Duration.ofHours(1));
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public boolean admitManySources(Cursor c) {
    c.next = (c.next + 1) % SOURCES;
    return guard.admit(sources[c.next]);
  }

  @Benchmark
  public boolean admitBannedSource() {
    return guard.admit("203.0.113.66");
  }

  @Benchmark
  public boolean admitAllowedSource() {
    return guard.admit("10.1.2.3");
  }
}
