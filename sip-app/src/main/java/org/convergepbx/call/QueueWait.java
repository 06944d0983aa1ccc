package org.convergepbx.call;

import java.time.Instant;
import java.util.concurrent.Future;
import org.convergepbx.queue.QueueRun;

/**
 * A caller waiting in a queue, on its call's {@link Bridge}: the queue it joined, when, and the caller's own
 * timers and music. Touched only under the call's session lock.
 */
final class QueueWait {
  private final String queue;
  private final Instant joinedAt;
  private final int hops;
  private QueueRun run;
  private Future<?> tick;
  private long sound;
  private Instant nextAnnouncement;
  private boolean started;
  private boolean announcing;

  QueueWait(QueueRun run, Instant joinedAt, int hops) {
    this.queue = run.number();
    this.run = run;
    this.joinedAt = joinedAt;
    this.hops = hops;
    int every = run.settings().announceFrequency();
    this.nextAnnouncement = every == 0 ? Instant.MAX : joinedAt.plusSeconds(every);
  }

  /** True the first time only: the caller's waiting (music, offers) starts. */
  boolean start() {
    boolean first = !started;
    started = true;
    return first;
  }

  String queue() {
    return queue;
  }

  Instant joinedAt() {
    return joinedAt;
  }

  int hops() {
    return hops;
  }

  /** The queue as last read (its settings and members may change while the caller waits). */
  QueueRun run() {
    return run;
  }

  void run(QueueRun now) {
    run = now;
  }

  /** Keeps the caller's next tick, cancelling the previous one. */
  void tick(Future<?> next) {
    if (tick != null) {
      tick.cancel(false);
    }
    tick = next;
  }

  /** A new sound starts (music, an announcement): earlier sounds' continuations see they are stale. */
  long nextSound() {
    return ++sound;
  }

  boolean isCurrentSound(long id) {
    return sound == id;
  }

  /**
   * True (and the announcement marked as playing) if a periodic announcement is due at {@code now}: the
   * queue's frequency has passed since the caller joined or since the last announcement ended.
   */
  boolean announcementDue(Instant now) {
    int every = run.settings().announceFrequency();
    if (every == 0) {
      nextAnnouncement = Instant.MAX;
      return false;
    }
    if (announcing || now.isBefore(nextAnnouncement)) {
      return false;
    }
    announcing = true;
    return true;
  }

  /** The announcement ended at {@code now}: the next one is due a frequency later. */
  void announced(Instant now) {
    announcing = false;
    int every = run.settings().announceFrequency();
    nextAnnouncement = every == 0 ? Instant.MAX : now.plusSeconds(every);
  }
}
