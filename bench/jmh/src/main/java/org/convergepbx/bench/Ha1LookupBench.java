package org.convergepbx.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.convergepbx.extension.ExtensionDraft;
import org.convergepbx.extension.ExtensionService;
import org.convergepbx.extension.JpaExtensionRepository;
import org.convergepbx.persistence.Database;
import org.convergepbx.registrar.JpaLocationService;
import org.convergepbx.security.DigestAlgorithm;
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
 * The server's credential store as wired in {@code PbxApplication}: the HA1 of a user read through
 * {@code JpaExtensionRepository.find} (an EntityManager per call, shared cache off, so a Derby query every
 * time), for every authenticated REGISTER and INVITE; {@code exists} is what the router runs per INVITE too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// short iterations so `-f 1 -wi 2 -i 3` finishes in minutes; -w / -r override the times
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class Ha1LookupBench {
  private static final String REALM = "pbx.test";

  @Param({"1000"})
  public int extensions;

  private Path dir;
  private Database db;
  private JpaExtensionRepository repository;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = DerbyState.newDir("pbx-jmh-ha1");
    db = DerbyState.open(dir);
    repository = new JpaExtensionRepository(db);
    ExtensionService service =
        new ExtensionService(repository, new JpaLocationService(db), REALM, Clock.systemUTC(), n -> false);
    List<ExtensionDraft> drafts = new ArrayList<>();
    for (int i = 0; i < extensions; i++) {
      String n = String.valueOf(100000 + i);
      drafts.add(new ExtensionDraft(n, "Bench " + n, "secret-" + n, null, null));
    }
    service.importAll(drafts);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    db.close();
    DerbyState.delete(dir);
  }

  @Benchmark
  public Optional<String> ha1FromDerby() {
    String user = String.valueOf(100000 + ThreadLocalRandom.current().nextInt(extensions));
    return repository.find(user).filter(e -> REALM.equals(e.realm())).map(e -> e.ha1(DigestAlgorithm.MD5));
  }
}
