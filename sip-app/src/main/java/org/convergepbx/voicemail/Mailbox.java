package org.convergepbx.voicemail;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.convergepbx.security.PasswordHasher;

/**
 * An extension's voicemail box settings: the PIN that opens it from a phone ({@code *97}), kept only as a salted
 * hash, and whether messages are deleted once e-mailed. The messages and the greeting are files.
 */
@Entity
@Table(name = "mailbox")
public class Mailbox {
  @Id
  @Column(name = "extension", length = 32)
  private String extension;

  @Column(name = "pin_hash")
  private String pinHash;

  @Column(name = "delete_after_email", nullable = false)
  private boolean deleteAfterEmail;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Mailbox() {}

  Mailbox(String extension) {
    this.extension = extension;
  }

  /** @param pin the new PIN, or null to keep the current one */
  void configure(String pin, boolean deleteAfterEmail, Instant at) {
    if (pin != null) {
      pinHash = PasswordHasher.hash(pin);
    }
    this.deleteAfterEmail = deleteAfterEmail;
    updatedAt = at;
  }

  public String extension() {
    return extension;
  }

  public boolean hasPin() {
    return pinHash != null;
  }

  /** True if the PIN opens the box; always false when none is set. */
  public boolean opensWith(String pin) {
    return pinHash != null && pin != null && PasswordHasher.verify(pin, pinHash);
  }

  public boolean deleteAfterEmail() {
    return deleteAfterEmail;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
