package org.convergepbx.registrar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.persistence.EntityManager;
import org.convergepbx.persistence.Database;

/** {@link LocationService} on JPA: every binding is durable, so a restart keeps registrations. */
public final class JpaLocationService implements LocationService {
  private final Database db;

  public JpaLocationService(Database db) {
    this.db = db;
  }

  @Override
  public List<Binding> lookup(String aor, Instant now) {
    return db.read(em -> current(em, aor, now));
  }

  @Override
  public List<Binding> update(
      String aor, Collection<Binding> upserts, Collection<String> removedContacts, Instant now) {
    return db.inTransaction(
        em -> {
          List<Binding> existing = all(em, aor);
          for (Binding b : existing) {
            if (removedContacts.contains(b.contactUri())) {
              em.remove(b);
            }
          }
          for (Binding u : upserts) {
            existing.stream()
                .filter(b -> b.contactUri().equals(u.contactUri()))
                .findFirst()
                .ifPresentOrElse(b -> b.refreshFrom(u), () -> em.persist(u));
          }
          em.flush();
          return current(em, aor, now);
        });
  }

  @Override
  public void removeAll(String aor) {
    db.run(
        em -> {
          em.createQuery("DELETE FROM Binding b WHERE b.aor = :aor")
              .setParameter("aor", aor)
              .executeUpdate();
        });
  }

  @Override
  public int purgeExpired(Instant now) {
    return db.inTransaction(
        em ->
            em.createQuery("DELETE FROM Binding b WHERE b.expiresAt <= :now")
                .setParameter("now", now)
                .executeUpdate());
  }

  @Override
  public long countActive(Instant now) {
    return db.read(
        em ->
            em.createQuery("SELECT COUNT(b) FROM Binding b WHERE b.expiresAt > :now", Long.class)
                .setParameter("now", now)
                .getSingleResult());
  }

  private static List<Binding> all(EntityManager em, String aor) {
    return em.createQuery("SELECT b FROM Binding b WHERE b.aor = :aor", Binding.class)
        .setParameter("aor", aor)
        .getResultList();
  }

  private static List<Binding> current(EntityManager em, String aor, Instant now) {
    return em.createQuery(
            "SELECT b FROM Binding b WHERE b.aor = :aor AND b.expiresAt > :now"
                + " ORDER BY b.qMillis DESC, b.registeredAt DESC",
            Binding.class)
        .setParameter("aor", aor)
        .setParameter("now", now)
        .getResultList();
  }
}
