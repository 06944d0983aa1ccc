package org.convergepbx.accounting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.ParameterExpression;
import javax.persistence.criteria.Path;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import org.convergepbx.persistence.Database;
import org.convergepbx.persistence.GroupCommit;

/**
 * {@link CallRecordRepository} on JPA; report queries are Criteria queries with bound parameters only. Every
 * write (insert, update, the heartbeat's touch) goes through one {@link GroupCommit}: each returns once
 * committed, the writes of concurrent calls share commits, and since one thread does all writes to the table
 * they never wait on each other's row locks.
 */
public final class JpaCallRecordRepository implements CallRecordRepository {
  private static final char LIKE_ESCAPE = '\\';
  private final Database db;
  private final GroupCommit writes;

  public JpaCallRecordRepository(Database db, GroupCommit writes) {
    this.db = db;
    this.writes = writes;
  }

  @Override
  public void insert(CallRecord record) {
    writes.write(
        em -> {
          em.persist(record);
          return null;
        });
  }

  @Override
  public boolean update(String uniqueid, Consumer<CallRecord> change) {
    return writes.write(
        em -> {
          CallRecord r = em.find(CallRecord.class, uniqueid);
          if (r == null) {
            return false;
          }
          change.accept(r);
          return true;
        });
  }

  @Override
  public void touch(Collection<String> uniqueids, Instant at) {
    if (uniqueids.isEmpty()) {
      return;
    }
    writes.write(
        em ->
            em.createQuery(
                    "UPDATE CallRecord r SET r.lastSeen = :at WHERE r.state = 'OPEN' AND r.uniqueid IN :ids")
                .setParameter("at", at)
                .setParameter("ids", new ArrayList<>(uniqueids))
                .executeUpdate());
  }

  @Override
  public List<CallRecord> findOpen(Instant startedBefore) {
    return db.read(
        em -> {
          if (startedBefore == null) {
            return em.createQuery("SELECT r FROM CallRecord r WHERE r.state = 'OPEN'", CallRecord.class)
                .getResultList();
          }
          return em.createQuery(
                  "SELECT r FROM CallRecord r WHERE r.state = 'OPEN' AND r.start < :before", CallRecord.class)
              .setParameter("before", startedBefore)
              .getResultList();
        });
  }

  @Override
  public Optional<CallRecord> find(String uniqueid) {
    return db.read(em -> Optional.ofNullable(em.find(CallRecord.class, uniqueid)));
  }

  @Override
  public List<CallRecord> search(CdrQuery query) {
    return db.read(
        em -> {
          CriteriaBuilder cb = em.getCriteriaBuilder();
          CriteriaQuery<CallRecord> q = cb.createQuery(CallRecord.class);
          Root<CallRecord> r = q.from(CallRecord.class);
          Bindings bindings = new Bindings(cb);
          q.where(filters(cb, r, query, bindings));
          Path<Object> sortPath = r.get(query.sortField());
          q.orderBy(
              query.ascending() ? cb.asc(sortPath) : cb.desc(sortPath),
              cb.asc(r.get("uniqueid")));
          return bindings
              .applyTo(em.createQuery(q))
              .setFirstResult(query.page() * query.size())
              .setMaxResults(query.size())
              .getResultList();
        });
  }

  @Override
  public long count(CdrQuery query) {
    return db.read(
        em -> {
          CriteriaBuilder cb = em.getCriteriaBuilder();
          CriteriaQuery<Long> q = cb.createQuery(Long.class);
          Root<CallRecord> r = q.from(CallRecord.class);
          Bindings bindings = new Bindings(cb);
          q.select(cb.count(r)).where(filters(cb, r, query, bindings));
          return bindings.applyTo(em.createQuery(q)).getSingleResult();
        });
  }

  @Override
  public List<Concurrency.Interval> intervals(Instant from, Instant to, int limit) {
    return db.read(
        em ->
            em.createQuery(
                    "SELECT r.start, r.end FROM CallRecord r"
                        + " WHERE r.start < :to AND (r.end IS NULL OR r.end > :from)",
                    Object[].class)
                .setParameter("from", from)
                .setParameter("to", to)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(row -> new Concurrency.Interval((Instant) row[0], (Instant) row[1]))
                .toList());
  }

  @Override
  public List<SummaryRow> summarize(CdrQuery query, SummaryGroup group) {
    return db.read(em -> summarize(em, query, group));
  }

  private static List<SummaryRow> summarize(EntityManager em, CdrQuery query, SummaryGroup group) {
    CriteriaBuilder cb = em.getCriteriaBuilder();
    CriteriaQuery<Object[]> q = cb.createQuery(Object[].class);
    Root<CallRecord> r = q.from(CallRecord.class);
    Path<Object> key = r.get(group.attribute());
    Expression<Integer> answeredFlag =
        cb.<Integer>selectCase()
            .when(cb.equal(r.get("disposition"), Disposition.ANSWERED.label()), 1)
            .otherwise(0);
    Bindings bindings = new Bindings(cb);
    List<Predicate> where = new ArrayList<>(List.of(filters(cb, r, query, bindings)));
    where.add(cb.equal(r.get("state"), CallRecord.State.CLOSED.name()));
    q.multiselect(key, cb.count(r), cb.sum(answeredFlag), cb.sum(r.<Integer>get("billsec")))
        .where(where.toArray(new Predicate[0]))
        .groupBy(key)
        .orderBy(cb.asc(key));
    List<SummaryRow> rows = new ArrayList<>();
    for (Object[] row : bindings.applyTo(em.createQuery(q)).getResultList()) {
      rows.add(
          new SummaryRow(
              row[0] == null ? "" : row[0].toString(),
              ((Number) row[1]).longValue(),
              row[2] == null ? 0 : ((Number) row[2]).longValue(),
              row[3] == null ? 0 : ((Number) row[3]).longValue()));
    }
    return rows;
  }

  /**
   * The query's filters. Every value that comes from the request is a bound parameter ({@link Bindings}), never
   * text in the SQL.
   */
  private static Predicate[] filters(CriteriaBuilder cb, Root<CallRecord> r, CdrQuery query, Bindings b) {
    List<Predicate> p = new ArrayList<>();
    if (query.from() != null) {
      p.add(cb.greaterThanOrEqualTo(r.get("start"), b.bind(Instant.class, query.from())));
    }
    if (query.to() != null) {
      p.add(cb.lessThan(r.get("start"), b.bind(Instant.class, query.to())));
    }
    for (Map.Entry<String, TextFilter> t : query.texts().entrySet()) {
      Path<String> field = r.get(t.getKey());
      TextFilter f = t.getValue();
      p.add(
          f.match() == TextMatch.EXACT
              ? cb.equal(field, b.bind(String.class, f.value()))
              : cb.like(field, b.bind(String.class, f.match().pattern(f.value())), LIKE_ESCAPE));
    }
    if (!query.dispositions().isEmpty()) {
      List<Predicate> any = new ArrayList<>();
      for (Disposition d : query.dispositions()) {
        any.add(cb.equal(r.get("disposition"), b.bind(String.class, d.label())));
      }
      p.add(cb.or(any.toArray(new Predicate[0])));
    }
    range(cb, p, r.get("duration"), query.minDuration(), query.maxDuration(), b);
    range(cb, p, r.get("billsec"), query.minBillsec(), query.maxBillsec(), b);
    return p.toArray(new Predicate[0]);
  }

  private static void range(
      CriteriaBuilder cb, List<Predicate> p, Path<Integer> field, Integer min, Integer max, Bindings b) {
    if (min != null) {
      p.add(cb.greaterThanOrEqualTo(field, b.bind(Integer.class, min)));
    }
    if (max != null) {
      p.add(cb.lessThanOrEqualTo(field, b.bind(Integer.class, max)));
    }
  }

  /** The parameters of one Criteria query and their values, set on the query once it is created. */
  private static final class Bindings {
    private final CriteriaBuilder cb;
    private final Map<ParameterExpression<?>, Object> values = new java.util.LinkedHashMap<>();

    Bindings(CriteriaBuilder cb) {
      this.cb = cb;
    }

    <T> ParameterExpression<T> bind(Class<T> type, T value) {
      ParameterExpression<T> parameter = cb.parameter(type, "p" + values.size());
      values.put(parameter, value);
      return parameter;
    }

    @SuppressWarnings("unchecked")
    <Q extends TypedQuery<?>> Q applyTo(Q query) {
      values.forEach((parameter, value) -> query.setParameter((ParameterExpression<Object>) parameter, value));
      return query;
    }
  }

}
