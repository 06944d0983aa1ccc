package org.convergepbx.registrar;

import java.time.Instant;
import java.util.UUID;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * One registered contact of an address of record (an extension number).
 *
 * <p>Invariant: (aor, contactUri) is unique; a binding whose {@link #expiresAt()} has passed is no longer a
 * location and is purged.
 */
@Entity
@Table(name = "binding")
public class Binding {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "aor", nullable = false)
  private String aor;

  @Column(name = "contact_uri", nullable = false)
  private String contactUri;

  @Column(name = "q_millis", nullable = false)
  private int qMillis;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "call_id", nullable = false)
  private String callId;

  @Column(name = "cseq", nullable = false)
  private long cseq;

  @Column(name = "user_agent")
  private String userAgent;

  @Column(name = "source")
  private String source;

  @Column(name = "registered_at", nullable = false)
  private Instant registeredAt;

  protected Binding() {}

  public Binding(
      String aor,
      String contactUri,
      int qMillis,
      Instant expiresAt,
      String callId,
      long cseq,
      String userAgent,
      String source,
      Instant registeredAt) {
    this.id = UUID.randomUUID().toString();
    this.aor = aor;
    this.contactUri = contactUri;
    this.qMillis = qMillis;
    this.expiresAt = expiresAt;
    this.callId = callId;
    this.cseq = cseq;
    this.userAgent = userAgent;
    this.source = source;
    this.registeredAt = registeredAt;
  }

  public String aor() {
    return aor;
  }

  public String contactUri() {
    return contactUri;
  }

  /** The contact's q-value in thousandths (1000 = q 1.0). */
  public int qMillis() {
    return qMillis;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public String callId() {
    return callId;
  }

  public long cseq() {
    return cseq;
  }

  public String userAgent() {
    return userAgent;
  }

  public String source() {
    return source;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  /** Seconds left before this binding expires, never negative. */
  public long secondsLeft(Instant now) {
    return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
  }

  /** Takes over the refreshable state of {@code newer} (same aor and contact). */
  void refreshFrom(Binding newer) {
    this.qMillis = newer.qMillis;
    this.expiresAt = newer.expiresAt;
    this.callId = newer.callId;
    this.cseq = newer.cseq;
    this.userAgent = newer.userAgent;
    this.source = newer.source;
    this.registeredAt = newer.registeredAt;
  }
}
