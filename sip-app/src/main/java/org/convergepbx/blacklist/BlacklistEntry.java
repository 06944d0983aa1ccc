package org.convergepbx.blacklist;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A caller number whose calls are refused (603 Decline) or sent to a destination of their own. */
@Entity
@Table(name = "blacklist")
public class BlacklistEntry {
  @Id
  @Column(name = "number", length = 32)
  private String number;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "destination")
  private String destination;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected BlacklistEntry() {}

  BlacklistEntry(String number) {
    this.number = number;
  }

  void set(String description, String destination, Instant at) {
    this.description = description == null ? "" : description.trim();
    this.destination = destination;
    this.updatedAt = at;
  }

  public String number() {
    return number;
  }

  public String description() {
    return description;
  }

  /** The destination of this caller's calls in text form, or null: refused with 603 Decline. */
  public String destination() {
    return destination;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
