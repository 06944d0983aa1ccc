package org.convergepbx.followme;

import java.util.Optional;

/** Storage of Follow Me settings, one per extension; every method commits before it returns. */
public interface FollowMeRepository {
  Optional<FollowMe> find(String extension);

  /** Inserts or replaces the extension's Follow Me. */
  void save(FollowMe followMe);

  boolean delete(String extension);
}
