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
    db.upsert(RingGroup.class, group.number(), group, RingGroup::clearList);
  }

  @Override
  public boolean delete(String number) {
    return db.deleteById(RingGroup.class, number);
  }
}
