package org.convergepbx.security;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A user of the HTTP API with a {@link Role}. Invariant: only a {@link PasswordHasher} hash is held, never the
 * password. Unknown stored roles read as the least privileged, MANAGER.
 */
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

  @Column(name = "user_role", nullable = false)
  private String role;

  protected AdminAccount() {}

  AdminAccount(String username, String passwordHash, Role role, Instant createdAt) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.role = role.label();
    this.createdAt = createdAt;
  }

  public Role role() {
    return Role.ofLabel(role).orElse(Role.MANAGER);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String username() {
    return username;
  }

  String passwordHash() {
    return passwordHash;
  }

  void makeAdmin() {
    this.role = Role.ADMIN.label();
  }

  void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }
}
