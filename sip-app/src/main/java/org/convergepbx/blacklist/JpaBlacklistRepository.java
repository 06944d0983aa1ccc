package org.convergepbx.blacklist;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link BlacklistRepository} on JPA. */
public final class JpaBlacklistRepository implements BlacklistRepository {
  private final Database db;

  public JpaBlacklistRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<BlacklistEntry> find(String number) {
    return db.read(em -> Optional.ofNullable(em.find(BlacklistEntry.class, number)));
  }

  @Override
  public List<BlacklistEntry> findAll() {
    return db.read(
        em -> em.createQuery("SELECT b FROM BlacklistEntry b ORDER BY b.number", BlacklistEntry.class).getResultList());
  }

  @Override
  public void save(BlacklistEntry entry) {
    db.upsert(BlacklistEntry.class, entry.number(), entry, e -> {});
  }

  @Override
  public boolean delete(String number) {
    return db.deleteById(BlacklistEntry.class, number);
  }
}
