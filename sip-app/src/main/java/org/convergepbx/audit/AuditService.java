package org.convergepbx.audit;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of configuration changes: records what the HTTP side reports, stamped with the time (UTC), and
 * answers queries. Text fields are cut to their columns' sizes; a summary is stored only as given, so its
 * secrets must already be redacted.
 */
public final class AuditService {
  private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);
  static final int SUMMARY_LENGTH = 1000;

  private final AuditRepository repository;
  private final Clock clock;

  public AuditService(AuditRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Stores the event with the current time and logs it as one line. */
  public void record(AuditEvent event) {
    AuditEvent cut =
        new AuditEvent(
            cut(event.user(), 64), cut(event.role(), 16), cut(event.address(), 64), cut(event.method(), 8),
            cut(event.path(), 255), event.status(), cut(event.summary(), SUMMARY_LENGTH));
    Instant now = clock.instant();
    LOG.info(
        "audit: {} {} ({}, {}) {} {} -> {}",
        cut.outcome().label(), cut.user(), cut.role(), cut.address(), cut.method(), cut.path(), cut.status());
    repository.append(new AuditEntry(now, cut));
  }

  /** The query's page, newest first, with the number of entries on all pages. */
  public Page search(AuditQuery query) {
    return new Page(repository.count(query), repository.search(query));
  }

  /** One page of entries and how many match in all. */
  public record Page(long total, java.util.List<AuditEntry> entries) {}

  private static String cut(String text, int length) {
    String t = text == null ? "" : text;
    return t.length() <= length ? t : t.substring(0, length - 1) + "…";
  }
}
