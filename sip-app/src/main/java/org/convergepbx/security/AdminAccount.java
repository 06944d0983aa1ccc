package org.convergepbx.security;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An administrator of the HTTP API. Invariant: only a {@link PasswordHasher} hash is held, never the password. */
@Entity
@Table(name = "admin_account")
public class AdminAccount {
  @Id
  @Column(name = "username", length = 64)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AdminAccount() {}

  AdminAccount(String username, String passwordHash, Instant createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.createdAt = createdAt;
  }

  public String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }
}
