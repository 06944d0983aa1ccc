package org.convergepbx.queue;

import java.time.Instant;
import java.util.List;

/** The durable queue log. */
public interface QueueLogRepository {
  /** Stores the event (committed when this returns). */
  void append(QueueLogEntry entry);

  /** Events with {@code from <= time < to}, oldest first. */
  List<QueueLogEntry> between(Instant from, Instant to);
}
