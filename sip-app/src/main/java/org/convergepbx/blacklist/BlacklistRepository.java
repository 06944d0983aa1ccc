package org.convergepbx.blacklist;

import java.util.List;
import java.util.Optional;

/** Storage of the blacklist; every method commits before it returns. */
public interface BlacklistRepository {
  Optional<BlacklistEntry> find(String number);

  List<BlacklistEntry> findAll();

  /** Inserts or replaces the entry. */
  void save(BlacklistEntry entry);

  boolean delete(String number);
}
