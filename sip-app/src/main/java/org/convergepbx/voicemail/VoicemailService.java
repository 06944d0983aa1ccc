package org.convergepbx.voicemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailboxes: a message is stored first ({@code PBX_DATA_DIR/voicemail/<extension>/<file>.wav}), then e-mailed
 * to the extension's address on a thread of its own, so a slow or failing mail server never holds a call and
 * never loses a message (a failed e-mail is logged; the message stays in the mailbox).
 */
public final class VoicemailService {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailService.class);
  /** Message ids are file names the server made: no path can be smuggled in. */
  private static final java.util.regex.Pattern VALID_ID = java.util.regex.Pattern.compile("[0-9a-f-]{1,64}");

  private final Path directory;
  private final Function<String, Optional<String>> emailOf;
  private final VoicemailMailer mailer;
  private final ExecutorService mailThread;

  /**
   * @param emailOf an extension's e-mail address, if it has one
   * @param mailer null when no SMTP server is configured: messages are stored only
   */
  public VoicemailService(
      Path directory, Function<String, Optional<String>> emailOf, VoicemailMailer mailer, ExecutorService mailThread) {
    this.directory = directory;
    this.emailOf = emailOf;
    this.mailer = mailer;
    this.mailThread = mailThread;
  }

  /** Where a new message of this mailbox is written (the directory is created). */
  public Path newMessageFile(String mailbox, String name) {
    Path box = directory.resolve(mailbox);
    try {
      Files.createDirectories(box);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create mailbox " + box, e);
    }
    return box.resolve(name + ".wav");
  }

  /** A stored message as the mailbox lists it. */
  public record StoredMessage(String id, long sizeBytes, java.time.Instant storedAt) {}

  /** The mailbox's messages, oldest first. */
  public java.util.List<StoredMessage> list(String mailbox) {
    Path box = directory.resolve(mailbox);
    if (!Files.isDirectory(box)) {
      return java.util.List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(box)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".wav"))
          .sorted()
          .map(VoicemailService::describe)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mailbox " + box, e);
    }
  }

  /** A message's WAV file; empty if there is no such message. */
  public Optional<Path> message(String mailbox, String id) {
    if (!VALID_ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Path file = directory.resolve(mailbox).resolve(id + ".wav");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Deletes a message; false if there is no such message. */
  public boolean delete(String mailbox, String id) {
    Optional<Path> file = message(mailbox, id);
    if (file.isEmpty()) {
      return false;
    }
    try {
      return Files.deleteIfExists(file.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file.get(), e);
    }
  }

  private static StoredMessage describe(Path file) {
    try {
      String name = file.getFileName().toString();
      return new StoredMessage(
          name.substring(0, name.length() - 4), Files.size(file), Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A message has been stored: e-mail it if the mailbox has an address and SMTP is configured. */
  public void deposited(VoicemailMessage m) {
    LOG.info("Voicemail for {} from {}: {} s in {}", m.mailbox(), m.caller(), String.format("%.1f", m.seconds()), m.file());
    Optional<String> to = emailOf.apply(m.mailbox());
    if (mailer == null || to.isEmpty()) {
      return;
    }
    mailThread.execute(
        () -> {
          try {
            mailer.send(m, to.get());
            LOG.info("Voicemail for {} e-mailed to {}", m.mailbox(), to.get());
          } catch (Exception e) {
            LOG.error("Voicemail for {} could not be e-mailed to {}; it stays in {}", m.mailbox(), to.get(), m.file(), e);
          }
        });
  }
}
