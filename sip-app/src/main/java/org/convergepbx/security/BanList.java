package org.convergepbx.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sources (IP addresses) and user names banned for a while, in memory on this node. A ban ends by itself at
 * its {@code until} time or when an operator lifts it. Sources on the {@link AllowList} are never banned.
 */
public final class BanList {
  /** What a ban keeps out: every request from an address, or every authentication as a user name. */
  public enum Kind {
    SOURCE,
    USER
  }

  /** What caused a ban. */
  public enum Cause {
    FLOOD,
    AUTH_FAILURES,
    OPERATOR
  }

  /** One ban: why, since when and until when. */
  public record Ban(Kind kind, String key, Cause cause, String reason, Instant since, Instant until) {}

  private record Key(Kind kind, String key) {}

  private final Map<Key, Ban> bans = new ConcurrentHashMap<>();
  private final AllowList allowed;
  private final Clock clock;
  private final Consumer<Ban> onBan;

  /** @param onBan told of every new ban (for the log and the metrics) */
  public BanList(AllowList allowed, Clock clock, Consumer<Ban> onBan) {
    this.allowed = allowed;
    this.clock = clock;
    this.onBan = onBan;
  }

  /** True if {@code key} is under a ban of this kind now. */
  public boolean banned(Kind kind, String key) {
    Key k = new Key(kind, key);
    Ban ban = bans.get(k);
    if (ban == null) {
      return false;
    }
    if (!clock.instant().isBefore(ban.until())) {
      bans.remove(k, ban);
      return false;
    }
    return true;
  }

  /**
   * Bans {@code key} for {@code length}; empty if it was banned already or is an allowed source (nothing changes
   * then).
   */
  public Optional<Ban> ban(Kind kind, String key, Cause cause, String reason, Duration length) {
    if (kind == Kind.SOURCE && allowed.covers(key)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Ban ban = new Ban(kind, key, cause, reason, now, now.plus(length));
    Ban[] added = {null};
    bans.compute(new Key(kind, key), (k, old) -> {
      if (old != null && now.isBefore(old.until())) {
        return old;
      }
      added[0] = ban;
      return ban;
    });
    if (added[0] != null) {
      onBan.accept(added[0]);
    }
    return Optional.ofNullable(added[0]);
  }

  /** Lifts a ban; false if there was none. */
  public boolean lift(Kind kind, String key) {
    return bans.remove(new Key(kind, key)) != null;
  }

  /** The bans in force, oldest first. */
  public List<Ban> list() {
    Instant now = clock.instant();
    bans.values().removeIf(b -> !now.isBefore(b.until()));
    return bans.values().stream().sorted(Comparator.comparing(Ban::since).thenComparing(Ban::key)).toList();
  }

  /** How many bans are in force. */
  public int size() {
    return list().size();
  }
}
