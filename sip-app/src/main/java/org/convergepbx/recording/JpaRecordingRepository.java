package org.convergepbx.recording;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link RecordingRepository} on JPA. */
public final class JpaRecordingRepository implements RecordingRepository {
  private final Database db;

  public JpaRecordingRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Recording> find(String name) {
    return db.read(em -> Optional.ofNullable(em.find(Recording.class, name)));
  }

  @Override
  public List<Recording> findAll() {
    return db.read(em -> em.createQuery("SELECT r FROM Recording r ORDER BY r.name", Recording.class).getResultList());
  }

  @Override
  public void insert(Recording recording) {
    db.run(em -> em.persist(recording));
  }

  @Override
  public boolean delete(String name) {
    return db.deleteById(Recording.class, name);
  }
}
