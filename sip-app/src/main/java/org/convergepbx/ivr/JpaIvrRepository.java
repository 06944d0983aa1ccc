package org.convergepbx.ivr;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link IvrRepository} on JPA. */
public final class JpaIvrRepository implements IvrRepository {
  private final Database db;

  public JpaIvrRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Ivr> find(String number) {
    return db.read(em -> Optional.ofNullable(em.find(Ivr.class, number)));
  }

  @Override
  public List<Ivr> findAll() {
    return db.read(em -> em.createQuery("SELECT i FROM Ivr i ORDER BY i.number", Ivr.class).getResultList());
  }

  @Override
  public boolean exists(String number) {
    return find(number).isPresent();
  }

  @Override
  public void save(Ivr ivr) {
    db.upsert(Ivr.class, ivr.number(), ivr, Ivr::clearKeys);
  }

  @Override
  public boolean delete(String number) {
    return db.deleteById(Ivr.class, number);
  }
}
