package org.convergepbx.ringgroup;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link RingGroupRepository} on JPA. */
public final class JpaRingGroupRepository implements RingGroupRepository {
  private final Database db;

  public JpaRingGroupRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<RingGroup> find(String number) {
    return db.read(em -> Optional.ofNullable(em.find(RingGroup.class, number)));
  }

  @Override
  public List<RingGroup> findAll() {
    return db.read(
        em -> em.createQuery("SELECT g FROM RingGroup g ORDER BY g.number", RingGroup.class).getResultList());
  }

  @Override
  public boolean exists(String number) {
    return find(number).isPresent();
  }

  @Override
  public void save(RingGroup group) {
    db.run(
        em -> {
          RingGroup stored = em.find(RingGroup.class, group.number());
          if (stored == null) {
            em.persist(group);
            return;
          }
          stored.clearList();
          em.flush();
          em.merge(group);
        });
  }

  @Override
  public boolean delete(String number) {
    return db.inTransaction(
        em -> {
          RingGroup g = em.find(RingGroup.class, number);
          if (g == null) {
            return false;
          }
          em.remove(g);
          return true;
        });
  }
}
