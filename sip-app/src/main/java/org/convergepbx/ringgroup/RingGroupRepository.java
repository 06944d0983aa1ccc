package org.convergepbx.ringgroup;

import java.util.List;
import java.util.Optional;

/** Storage of ring groups; every method commits before it returns. */
public interface RingGroupRepository {
  Optional<RingGroup> find(String number);

  List<RingGroup> findAll();

  boolean exists(String number);

  /** Inserts the group or replaces the stored one with the same number. */
  void save(RingGroup group);

  boolean delete(String number);
}
