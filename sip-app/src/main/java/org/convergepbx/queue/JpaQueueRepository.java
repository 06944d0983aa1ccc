package org.convergepbx.queue;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link QueueRepository} on JPA. */
public final class JpaQueueRepository implements QueueRepository {
  private final Database db;

  public JpaQueueRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<CallQueue> find(String number) {
    return db.read(em -> Optional.ofNullable(em.find(CallQueue.class, number)));
  }

  @Override
  public List<CallQueue> findAll() {
    return db.read(
        em -> em.createQuery("SELECT q FROM CallQueue q ORDER BY q.number", CallQueue.class).getResultList());
  }

  @Override
  public boolean exists(String number) {
    return find(number).isPresent();
  }

  @Override
  public void save(CallQueue queue) {
    db.upsert(CallQueue.class, queue.number(), queue, CallQueue::clearList);
  }

  @Override
  public boolean delete(String number) {
    return db.inTransaction(
        em -> {
          CallQueue stored = em.find(CallQueue.class, number);
          if (stored == null) {
            return false;
          }
          em.createQuery("DELETE FROM QueueAgent a WHERE a.queue = :q").setParameter("q", number).executeUpdate();
          em.remove(stored);
          return true;
        });
  }

  @Override
  public List<QueueAgent> agents(String queue) {
    return db.read(
        em -> em.createQuery("SELECT a FROM QueueAgent a WHERE a.queue = :q ORDER BY a.extension", QueueAgent.class)
            .setParameter("q", queue)
            .getResultList());
  }

  @Override
  public List<QueueAgent> agentsOf(String extension) {
    return db.read(
        em -> em.createQuery(
                "SELECT a FROM QueueAgent a WHERE a.extension = :e ORDER BY a.queue", QueueAgent.class)
            .setParameter("e", extension)
            .getResultList());
  }

  @Override
  public Optional<QueueAgent> agent(String queue, String extension) {
    return db.read(em -> Optional.ofNullable(em.find(QueueAgent.class, QueueAgent.idOf(queue, extension))));
  }

  @Override
  public void saveAgent(QueueAgent agent) {
    db.run(
        em -> {
          QueueAgent stored = em.find(QueueAgent.class, agent.id());
          if (agent.empty()) {
            if (stored != null) {
              em.remove(stored);
            }
          } else if (stored == null) {
            em.persist(agent);
          } else {
            em.merge(agent);
          }
        });
  }
}
