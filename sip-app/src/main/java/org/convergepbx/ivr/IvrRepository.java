package org.convergepbx.ivr;

import java.util.List;
import java.util.Optional;

/** Storage of IVR menus; every method commits before it returns. */
public interface IvrRepository {
  Optional<Ivr> find(String number);

  List<Ivr> findAll();

  boolean exists(String number);

  /** Inserts the IVR or replaces the stored one with the same number. */
  void save(Ivr ivr);

  boolean delete(String number);
}
