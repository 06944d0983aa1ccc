package org.convergepbx.forwarding;

import java.util.Optional;

/** Storage of call forwarding, one row per extension that has any; every method commits before it returns. */
public interface CallForwardRepository {
  Optional<CallForward> find(String extension);

  /** Stores the extension's forwarding; a forwarding with nothing set removes the row. */
  void save(String extension, Forwarding forwarding, java.time.Instant at);
}
