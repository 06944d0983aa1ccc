package org.convergepbx.voicemail;

import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link MailboxRepository} on JPA. */
public final class JpaMailboxRepository implements MailboxRepository {
  private final Database db;

  public JpaMailboxRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Mailbox> find(String extension) {
    return db.read(em -> Optional.ofNullable(em.find(Mailbox.class, extension)));
  }

  @Override
  public void save(Mailbox mailbox) {
    db.upsert(Mailbox.class, mailbox.extension(), mailbox, m -> {});
  }
}
