package org.convergepbx.daynight;

import java.util.List;
import java.util.Optional;

/** Storage of Day/Night controls and time groups; every method commits before it returns. */
public interface DayNightRepository {
  Optional<DayNightControl> find(int index);

  List<DayNightControl> findAll();

  void save(DayNightControl control);

  boolean delete(int index);

  Optional<TimeGroup> findGroup(String name);

  List<TimeGroup> findAllGroups();

  void saveGroup(TimeGroup group);

  boolean deleteGroup(String name);
}
