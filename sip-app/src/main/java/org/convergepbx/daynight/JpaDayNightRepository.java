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
    db.run(
        em -> {
          if (em.find(DayNightControl.class, control.index()) == null) {
            em.persist(control);
          } else {
            em.merge(control);
          }
        });
  }

  @Override
  public boolean delete(int index) {
    return db.inTransaction(
        em -> {
          DayNightControl c = em.find(DayNightControl.class, index);
          if (c == null) {
            return false;
          }
          em.remove(c);
          return true;
        });
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
    db.run(
        em -> {
          TimeGroup stored = em.find(TimeGroup.class, group.name());
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
  public boolean deleteGroup(String name) {
    return db.inTransaction(
        em -> {
          TimeGroup g = em.find(TimeGroup.class, name);
          if (g == null) {
            return false;
          }
          em.remove(g);
          return true;
        });
  }
}
