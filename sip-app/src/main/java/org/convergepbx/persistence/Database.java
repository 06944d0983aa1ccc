package org.convergepbx.persistence;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.persistence.Persistence;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: the schema is created and migrated by Flyway (never by EclipseLink), then a
 * resource-local JPA unit is opened on it. Embedded Derby is the default; any JDBC URL works by settings.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String UNIT = "pbx";

  private final String url;
  private final EntityManagerFactory emf;

  private Database(String url, EntityManagerFactory emf) {
    this.url = url;
    this.emf = emf;
  }

  /**
   * Migrates the schema to the newest version and opens the persistence unit.
   *
   * @param classLoader the loader that sees the migrations and the entity classes (the application's)
   */
  public static Database open(String url, String user, String password, ClassLoader classLoader) {
    Flyway.configure(classLoader)
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Map<String, Object> props = new HashMap<>();
    props.put("javax.persistence.jdbc.url", url);
    if (user != null) {
      props.put("javax.persistence.jdbc.user", user);
    }
    if (password != null) {
      props.put("javax.persistence.jdbc.password", password);
    }
    props.put("eclipselink.classloader", classLoader);
    EntityManagerFactory emf = Persistence.createEntityManagerFactory(UNIT, props);
    LOG.info("Database ready at {}", redact(url));
    return new Database(url, emf);
  }

  /** Runs {@code work} in one transaction, rolled back if it throws. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** Runs {@code work} in one transaction, rolled back if it throws. */
  public void run(Consumer<EntityManager> work) {
    inTransaction(
        em -> {
          work.accept(em);
          return null;
        });
  }

  /**
   * Stores {@code entity} in one transaction: inserted if nothing has {@code id} yet, else merged over the stored
   * one after {@code prepareStored} has run on it and been flushed (an entity with an ordered element collection
   * empties it there, so its old rows are gone before the new ones are written).
   */
  public <T> void upsert(Class<T> type, Object id, T entity, Consumer<T> prepareStored) {
    run(
        em -> {
          T stored = em.find(type, id);
          if (stored == null) {
            em.persist(entity);
            return;
          }
          prepareStored.accept(stored);
          em.flush();
          em.merge(entity);
        });
  }

  /** Deletes the entity with this id in one transaction; false if there was none. */
  public <T> boolean deleteById(Class<T> type, Object id) {
    return inTransaction(
        em -> {
          T stored = em.find(type, id);
          if (stored == null) {
            return false;
          }
          em.remove(stored);
          return true;
        });
  }

  /** Runs a read-only query outside any transaction. */
  public <T> T read(Function<EntityManager, T> query) {
    EntityManager em = emf.createEntityManager();
    try {
      return query.apply(em);
    } finally {
      em.close();
    }
  }

  /** Closes the unit and, for embedded Derby, shuts the database down so its files are consistent. */
  @Override
  public void close() {
    emf.close();
    if (url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://")) {
      String base = url.contains(";") ? url.substring(0, url.indexOf(';')) : url;
      try {
        DriverManager.getConnection(base + ";shutdown=true").close();
      } catch (SQLException expected) {
        // Derby reports a successful shutdown as SQLState 08006.
        if (!"08006".equals(expected.getSQLState())) {
          LOG.warn("Derby shutdown: {}", expected.getMessage());
        }
      }
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
