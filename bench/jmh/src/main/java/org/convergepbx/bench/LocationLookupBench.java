package org.convergepbx.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.convergepbx.persistence.Database;
import org.convergepbx.registrar.Binding;
import org.convergepbx.registrar.JpaLocationService;
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
 * The location service as the server uses it: {@code JpaLocationService} on a real embedded Derby database on
 * disk (Flyway-migrated, EclipseLink, shared cache off), holding {@code bindings} bindings (one per AOR)
 * inserted with {@code update(...)}.
 *
 * <ul>
 *   <li>{@code lookup}: the bindings of a random registered AOR (every INVITE routes with one; every REGISTER
 *       starts with one);
 *   <li>{@code lookupUnknown}: an AOR with no binding (480 path);
 *   <li>{@code refresh}: a REGISTER refresh of one AOR's binding (update in a committed transaction).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// short iterations so `-f 1 -wi 2 -i 3` finishes in minutes; -w / -r override the times
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LocationLookupBench {
  @Param({"1000", "10000"})
  public int bindings;

  private Path dir;
  private Database db;
  private JpaLocationService locations;
  private long cseq = 1;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = DerbyState.newDir("pbx-jmh-location");
    db = DerbyState.open(dir);
    locations = new JpaLocationService(db);
    Instant now = Instant.now();
    for (int i = 0; i < bindings; i++) {
      String aor = aor(i);
      locations.update(aor, List.of(binding(aor, now, 1)), List.of(), now);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    DerbyState.delete(dir);
  }

  @Benchmark
  public List<Binding> lookup() {
    return locations.lookup(aor(ThreadLocalRandom.current().nextInt(bindings)), Instant.now());
  }

  @Benchmark
  public List<Binding> lookupUnknown() {
    return locations.lookup("9" + aor(ThreadLocalRandom.current().nextInt(bindings)), Instant.now());
  }

  @Benchmark
  public List<Binding> refresh() {
    String aor = aor(ThreadLocalRandom.current().nextInt(bindings));
    Instant now = Instant.now();
    return locations.update(aor, List.of(binding(aor, now, ++cseq)), List.of(), now);
  }

  private static String aor(int i) {
    return String.valueOf(100000 + i);
  }

  private static Binding binding(String aor, Instant now, long cseq) {
    return new Binding(
        aor, "sip:" + aor + "@127.0.0.1:5070;transport=udp", 1000, now.plusSeconds(3600),
        "call-" + aor, cseq, "jmh", "127.0.0.1:5070/UDP", now);
  }
}
