package org.convergepbx.security;

import java.util.List;

/** The outcome of checking a request's digest credentials. */
public sealed interface AuthResult {
  /** The credentials are valid for {@code username}. */
  record Authenticated(String username) implements AuthResult {}

  /**
   * No valid credentials: challenge again, with one header value per offered algorithm (most preferred first).
   * Identical for unknown users, wrong passwords and locked-out users, so the answer reveals nothing about which
   * extensions exist.
   */
  record Challenge(List<String> headerValues) implements AuthResult {
    public Challenge {
      headerValues = List.copyOf(headerValues);
    }
  }
}
