package org.convergepbx.extension;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link ExtensionRepository} on JPA. */
public final class JpaExtensionRepository implements ExtensionRepository {
  private final Database db;

  public JpaExtensionRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Extension> find(String number) {
    return db.read(em -> Optional.ofNullable(em.find(Extension.class, number)));
  }

  @Override
  public List<Extension> findAll() {
    return db.read(
        em ->
            em.createQuery("SELECT e FROM Extension e ORDER BY e.number", Extension.class)
                .getResultList());
  }

  @Override
  public boolean exists(String number) {
    return find(number).isPresent();
  }

  @Override
  public boolean longerNumberBegins(String prefix) {
    if (!prefix.matches("[0-9]+")) {
      return false;
    }
    return db.read(
        em -> !em.createQuery("SELECT e.number FROM Extension e WHERE e.number LIKE :p AND e.number <> :n", String.class)
            .setParameter("p", prefix + "%")
            .setParameter("n", prefix)
            .setMaxResults(1)
            .getResultList()
            .isEmpty());
  }

  @Override
  public void saveAll(Collection<Extension> extensions) {
    db.run(
        em -> {
          for (Extension e : extensions) {
            if (em.find(Extension.class, e.number()) == null) {
              em.persist(e);
            } else {
              em.merge(e);
            }
          }
        });
  }

  @Override
  public boolean delete(String number) {
    return db.inTransaction(
        em -> {
          Extension e = em.find(Extension.class, number);
          if (e == null) {
            return false;
          }
          em.remove(e);
          return true;
        });
  }
}
