package org.convergepbx.registrar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The location service (as Kamailio's usrloc is to its registrar): where an address of record can be reached.
 * The registrar writes it; call routing reads it; nothing else touches its storage.
 */
public interface LocationService {
  /** The unexpired bindings of {@code aor}, highest q first. */
  List<Binding> lookup(String aor, Instant now);

  /**
   * Applies one REGISTER's changes to {@code aor} atomically: {@code upserts} are added or refreshed (matched on
   * contact URI) and {@code removedContacts} deleted.
   *
   * @return the unexpired bindings after the change
   */
  List<Binding> update(
      String aor, Collection<Binding> upserts, Collection<String> removedContacts, Instant now);

  /** Removes every binding of {@code aor}. */
  void removeAll(String aor);

  /** Deletes expired bindings. @return how many */
  int purgeExpired(Instant now);

  /** Number of unexpired bindings, over all AORs. */
  long countActive(Instant now);
}
