package org.convergepbx.voicemail;

import java.util.Optional;

/** Storage of mailbox settings; every method commits before it returns. */
public interface MailboxRepository {
  Optional<Mailbox> find(String extension);

  /** Inserts the settings or replaces the stored ones of the same extension. */
  void save(Mailbox mailbox);
}
