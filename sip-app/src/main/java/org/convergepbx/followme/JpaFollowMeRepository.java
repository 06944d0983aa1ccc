package org.convergepbx.followme;

import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link FollowMeRepository} on JPA. */
public final class JpaFollowMeRepository implements FollowMeRepository {
  private final Database db;

  public JpaFollowMeRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<FollowMe> find(String extension) {
    return db.read(em -> Optional.ofNullable(em.find(FollowMe.class, extension)));
  }

  @Override
  public void save(FollowMe followMe) {
    db.run(
        em -> {
          FollowMe stored = em.find(FollowMe.class, followMe.extension());
          if (stored == null) {
            em.persist(followMe);
            return;
          }
          stored.clearList();
          em.flush();
          em.merge(followMe);
        });
  }

  @Override
  public boolean delete(String extension) {
    return db.inTransaction(
        em -> {
          FollowMe f = em.find(FollowMe.class, extension);
          if (f == null) {
            return false;
          }
          em.remove(f);
          return true;
        });
  }
}
