package org.convergepbx.extension;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage of extensions. */
public interface ExtensionRepository {
  Optional<Extension> find(String number);

  List<Extension> findAll();

  boolean exists(String number);

  /** Whether some extension's number begins with {@code prefix} and is longer than it. */
  boolean longerNumberBegins(String prefix);

  /** Inserts new extensions or updates existing ones, all in one transaction. */
  void saveAll(Collection<Extension> extensions);

  /** Deletes an extension; false when there was none. */
  boolean delete(String number);
}
