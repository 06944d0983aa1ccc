package org.convergepbx.audit;

import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import org.convergepbx.persistence.Database;

/** {@link AuditRepository} on JPA: each entry in a transaction of its own. */
public final class JpaAuditRepository implements AuditRepository {
  private final Database db;

  public JpaAuditRepository(Database db) {
    this.db = db;
  }

  @Override
  public void append(AuditEntry entry) {
    db.run(em -> em.persist(entry));
  }

  @Override
  public List<AuditEntry> search(AuditQuery query) {
    return db.read(
        em ->
            bind(em.createQuery("SELECT a FROM AuditEntry a" + where(query) + " ORDER BY a.time DESC, a.id DESC",
                    AuditEntry.class), query)
                .setFirstResult(query.page() * query.size())
                .setMaxResults(query.size())
                .getResultList());
  }

  @Override
  public long count(AuditQuery query) {
    return db.read(
        (EntityManager em) ->
            bind(em.createQuery("SELECT COUNT(a) FROM AuditEntry a" + where(query), Long.class), query)
                .getSingleResult());
  }

  /** The filters as JPQL with named parameters only: nothing a client sends becomes query text. */
  private static String where(AuditQuery q) {
    StringBuilder sb = new StringBuilder(" WHERE 1 = 1");
    if (q.user() != null) {
      sb.append(" AND a.user = :user");
    }
    if (q.from() != null) {
      sb.append(" AND a.time >= :from");
    }
    if (q.to() != null) {
      sb.append(" AND a.time < :to");
    }
    return sb.toString();
  }

  private static <T> TypedQuery<T> bind(TypedQuery<T> query, AuditQuery q) {
    if (q.user() != null) {
      query.setParameter("user", q.user());
    }
    if (q.from() != null) {
      query.setParameter("from", q.from());
    }
    if (q.to() != null) {
      query.setParameter("to", q.to());
    }
    return query;
  }
}
