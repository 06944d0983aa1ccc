package org.convergepbx.daynight;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link DayNightRepository} on JPA. */
public final class JpaDayNightRepository implements DayNightRepository {
  private final Database db;

  public JpaDayNightRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<DayNightControl> find(int index) {
    return db.read(em -> Optional.ofNullable(em.find(DayNightControl.class, index)));
  }

  @Override
  public List<DayNightControl> findAll() {
    return db.read(
        em -> em.createQuery("SELECT c FROM DayNightControl c ORDER BY c.controlIndex", DayNightControl.class).getResultList());
  }

  @Override
  public void save(DayNightControl control) {
    db.upsert(DayNightControl.class, control.index(), control, c -> {});
  }

  @Override
  public boolean delete(int index) {
    return db.deleteById(DayNightControl.class, index);
  }

  @Override
  public Optional<TimeGroup> findGroup(String name) {
    return db.read(em -> Optional.ofNullable(em.find(TimeGroup.class, name)));
  }

  @Override
  public List<TimeGroup> findAllGroups() {
    return db.read(em -> em.createQuery("SELECT g FROM TimeGroup g ORDER BY g.name", TimeGroup.class).getResultList());
  }

  @Override
  public void saveGroup(TimeGroup group) {
    db.upsert(TimeGroup.class, group.name(), group, TimeGroup::clearList);
  }

  @Override
  public boolean deleteGroup(String name) {
    return db.deleteById(TimeGroup.class, name);
  }
}
