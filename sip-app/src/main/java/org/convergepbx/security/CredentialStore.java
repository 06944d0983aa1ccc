package org.convergepbx.security;

import java.util.Optional;

/** Where the authenticator finds a user's HA1 for an algorithm; empty for unknown users. */
@FunctionalInterface
public interface CredentialStore {
  Optional<String> ha1(String username, DigestAlgorithm algorithm);
}
