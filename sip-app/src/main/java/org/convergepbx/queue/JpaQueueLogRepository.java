package org.convergepbx.queue;

import java.time.Instant;
import java.util.List;
import org.convergepbx.persistence.Database;

/** {@link QueueLogRepository} on JPA: each event in a transaction of its own. */
public final class JpaQueueLogRepository implements QueueLogRepository {
  private final Database db;

  public JpaQueueLogRepository(Database db) {
    this.db = db;
  }

  @Override
  public void append(QueueLogEntry entry) {
    db.run(em -> em.persist(entry));
  }

  @Override
  public List<QueueLogEntry> between(Instant from, Instant to) {
    return db.read(
        em -> em.createQuery(
                "SELECT e FROM QueueLogEntry e WHERE e.time >= :f AND e.time < :t ORDER BY e.time, e.id",
                QueueLogEntry.class)
            .setParameter("f", from)
            .setParameter("t", to)
            .getResultList());
  }
}
