package org.convergepbx.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.convergepbx.call.LinesInUse;
import org.convergepbx.queue.Acd;
import org.convergepbx.registrar.LocationService;

/**
 * Queue members' phones as the distributor sees them. Whether an extension is registered is read from the
 * location service and kept for {@link #FRESH} (every waiting caller's tick asks it for every member, so a
 * queue of 100 agents and 50 callers would otherwise read the bindings 5,000 times a second); a registration
 * or its expiry is therefore seen within that time. Whether it is on a call comes from {@link LinesInUse}.
 */
final class QueuePhones implements Acd.Lines {
  /** How long a registration check is reused. */
  static final Duration FRESH = Duration.ofSeconds(1);

  private final Predicate<String> registered;
  private final LinesInUse lines;
  private final Clock clock;
  private final Map<String, Check> checks = new ConcurrentHashMap<>();

  private record Check(boolean reachable, Instant until) {}

  QueuePhones(LocationService locations, LinesInUse lines, Clock clock) {
    this(extension -> !locations.lookup(extension, clock.instant()).isEmpty(), lines, clock);
  }

  QueuePhones(Predicate<String> registered, LinesInUse lines, Clock clock) {
    this.registered = registered;
    this.lines = lines;
    this.clock = clock;
  }

  @Override
  public boolean reachable(String extension) {
    Instant now = clock.instant();
    Check c = checks.get(extension);
    if (c == null || !now.isBefore(c.until())) {
      c = new Check(registered.test(extension), now.plus(FRESH));
      checks.put(extension, c);
    }
    return c.reachable();
  }

  @Override
  public boolean onCall(String extension) {
    return lines.onCall(extension);
  }
}
