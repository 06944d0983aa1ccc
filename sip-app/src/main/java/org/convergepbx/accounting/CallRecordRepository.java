package org.convergepbx.accounting;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Durable storage of call detail records; every method commits before it returns. */
public interface CallRecordRepository {
  void insert(CallRecord record);

  /** Applies {@code change} to the record in one transaction; false when there is no such record. */
  boolean update(String uniqueid, Consumer<CallRecord> change);

  /** Moves {@code last_seen} of these open records to {@code at}. */
  void touch(Collection<String> uniqueids, Instant at);

  /** Open records, or those started before {@code startedBefore} when it is not null. */
  List<CallRecord> findOpen(Instant startedBefore);

  Optional<CallRecord> find(String uniqueid);

  /** One page of records matching {@code query}, in its order. */
  List<CallRecord> search(CdrQuery query);

  long count(CdrQuery query);

  /** The time in the system of every call that overlaps [from, to), at most {@code limit} of them. */
  List<Concurrency.Interval> intervals(Instant from, Instant to, int limit);

  /** Per group: calls, answered, total billsec; ordered by the group key. */
  List<SummaryRow> summarize(CdrQuery query, SummaryGroup group);
}
