package org.convergepbx.trunk;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An inbound route: calls arriving on a trunk for the DID {@code did} (and, if set, from a caller matching
 * {@code callerId}) go to {@code destination}. An empty DID matches every number (FreePBX's "any DID").
 * The most specific route wins: DID and caller ID, then DID alone, then any DID with caller ID, then any DID.
 */
@Entity
@Table(name = "inbound_route")
public class InboundRoute {
  @Id
  @Column(name = "id", length = 80)
  private String id;

  @Column(name = "did", nullable = false)
  private String did;

  @Column(name = "caller_id", nullable = false)
  private String callerId;

  @Column(name = "destination", nullable = false)
  private String destination;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected InboundRoute() {}

  InboundRoute(String did, String callerId) {
    this.id = idOf(did, callerId);
    this.did = did;
    this.callerId = callerId;
  }

  /** The route's key: the DID ({@code any} for any DID), then {@code /callerId} if it has one. */
  public static String idOf(String did, String callerId) {
    return (did.isEmpty() ? "any" : did) + (callerId.isEmpty() ? "" : "/" + callerId);
  }

  void configure(String destination, String description, Instant at) {
    this.destination = destination;
    this.description = description;
    this.updatedAt = at;
  }

  public String id() {
    return id;
  }

  public String did() {
    return did;
  }

  public String callerId() {
    return callerId;
  }

  public String destination() {
    return destination;
  }

  public String description() {
    return description;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
