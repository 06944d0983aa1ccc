package org.convergepbx.audit;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * One configuration change through the HTTP API, made or refused: when (UTC), who (user name, role, source
 * address) and what (method, path, status, summary). Invariant: the summary never holds a secret; whoever builds
 * an entry redacts first ({@link AuditService#record}).
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "event_time", nullable = false)
  private Instant time;

  @Column(name = "username", nullable = false)
  private String user;

  @Column(name = "user_role", nullable = false)
  private String role;

  @Column(name = "source_address", nullable = false)
  private String address;

  @Column(name = "http_method", nullable = false)
  private String method;

  @Column(name = "request_path", nullable = false)
  private String path;

  @Column(name = "http_status", nullable = false)
  private int status;

  @Column(name = "outcome", nullable = false)
  private String outcome;

  @Column(name = "summary", nullable = false)
  private String summary;

  protected AuditEntry() {}

  AuditEntry(Instant time, AuditEvent event) {
    this.time = time;
    this.user = event.user();
    this.role = event.role();
    this.address = event.address();
    this.method = event.method();
    this.path = event.path();
    this.status = event.status();
    this.outcome = event.outcome().label();
    this.summary = event.summary();
  }

  public Long id() {
    return id;
  }

  public Instant time() {
    return time;
  }

  public String user() {
    return user;
  }

  public String role() {
    return role;
  }

  public String address() {
    return address;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public int status() {
    return status;
  }

  public String outcome() {
    return outcome;
  }

  public String summary() {
    return summary;
  }
}
