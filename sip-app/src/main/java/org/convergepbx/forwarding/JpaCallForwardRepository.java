package org.convergepbx.forwarding;

import java.time.Instant;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link CallForwardRepository} on JPA. */
public final class JpaCallForwardRepository implements CallForwardRepository {
  private final Database db;

  public JpaCallForwardRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<CallForward> find(String extension) {
    return db.read(em -> Optional.ofNullable(em.find(CallForward.class, extension)));
  }

  @Override
  public void save(String extension, Forwarding forwarding, Instant at) {
    db.run(
        em -> {
          CallForward stored = em.find(CallForward.class, extension);
          if (forwarding.isNone()) {
            if (stored != null) {
              em.remove(stored);
            }
            return;
          }
          CallForward row = stored == null ? new CallForward(extension) : stored;
          row.set(forwarding, at);
          if (stored == null) {
            em.persist(row);
          }
        });
  }
}
