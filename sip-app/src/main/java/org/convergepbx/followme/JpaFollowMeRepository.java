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
    db.upsert(FollowMe.class, followMe.extension(), followMe, FollowMe::clearList);
  }

  @Override
  public boolean delete(String extension) {
    return db.deleteById(FollowMe.class, extension);
  }
}
