package org.convergepbx.security;

/** The outcome of checking a request's digest credentials. */
public sealed interface AuthResult {
  /** The credentials are valid for {@code username}. */
  record Authenticated(String username) implements AuthResult {}

  /**
   * No valid credentials: challenge again. Identical for unknown users and wrong passwords, so the answer
   * reveals nothing about which extensions exist.
   */
  record Challenge(String headerValue) implements AuthResult {}
}
