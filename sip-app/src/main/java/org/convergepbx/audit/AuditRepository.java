package org.convergepbx.audit;

import java.util.List;

/** Storage of the audit log: append-only; every method commits before it returns. */
public interface AuditRepository {
  void append(AuditEntry entry);

  /** The query's page of entries, newest first. */
  List<AuditEntry> search(AuditQuery query);

  /** How many entries match the query's filters (all pages). */
  long count(AuditQuery query);
}
