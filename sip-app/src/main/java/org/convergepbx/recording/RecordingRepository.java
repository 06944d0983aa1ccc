package org.convergepbx.recording;

import java.util.List;
import java.util.Optional;

/** Storage of recordings' descriptions; every method commits before it returns. */
public interface RecordingRepository {
  Optional<Recording> find(String name);

  List<Recording> findAll();

  void insert(Recording recording);

  boolean delete(String name);
}
