package org.convergepbx.security;

import java.util.Locale;
import java.util.Optional;

/** What a user of the HTTP API may do. */
public enum Role {
  /** Configuration: everything. */
  ADMIN,
  /** Read-only: reports and live views. */
  MANAGER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> ofLabel(String label) {
    for (Role r : values()) {
      if (r.label().equals(label)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
