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
  private final MailboxRepository mailboxes;
  private final java.time.Clock clock;
  static final int MAX_GREETING_SECONDS = 60;

  /**
   * @param emailOf an extension's e-mail address, if it has one
   * @param mailer null when no SMTP server is configured: messages are stored only
   */
  public VoicemailService(
      Path directory,
      Function<String, Optional<String>> emailOf,
      VoicemailMailer mailer,
      ExecutorService mailThread,
      MailboxRepository mailboxes,
      java.time.Clock clock) {
    this.directory = directory;
    this.emailOf = emailOf;
    this.mailer = mailer;
    this.mailThread = mailThread;
    this.mailboxes = mailboxes;
    this.clock = clock;
  }

  /** The mailbox's settings (none stored: no PIN, messages kept). */
  public Optional<Mailbox> settings(String mailbox) {
    return mailboxes.find(mailbox);
  }

  /**
   * Sets the mailbox's PIN and delete-after-email option.
   *
   * @param pin 4 to 10 digits, or null to keep the current one
   * @param deleteAfterEmail null means false
   */
  public void configure(String mailbox, String pin, Boolean deleteAfterEmail) {
    if (pin != null && !pin.matches("[0-9]{4,10}")) {
      throw new org.convergepbx.common.InvalidInputException("pin", "a PIN is 4 to 10 digits");
    }
    Mailbox m = mailboxes.find(mailbox).orElseGet(() -> new Mailbox(mailbox));
    m.configure(pin, Boolean.TRUE.equals(deleteAfterEmail), clock.instant());
    mailboxes.save(m);
  }

  /** True if the PIN opens the mailbox (never without a PIN set). */
  public boolean opens(String mailbox, String pin) {
    return mailboxes.find(mailbox).map(m -> m.opensWith(pin)).orElse(false);
  }

  /** The greeting the user recorded, if any, as a WAV file. */
  public Optional<Path> greeting(String mailbox) {
    Path file = greetingFile(mailbox);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Stores the user's greeting (WAV, PCM 16-bit mono, at most {@value #MAX_GREETING_SECONDS} s; other rates are
   * converted to 8 kHz). A refused file leaves the current greeting as it was.
   */
  public void setGreeting(String mailbox, byte[] wav) {
    byte[] pcm;
    try {
      pcm = org.convergepbx.media.WavAudio.readUpload(wav, MAX_GREETING_SECONDS);
    } catch (org.convergepbx.media.WavAudio.Refused e) {
      throw new org.convergepbx.common.InvalidInputException("file", e.getMessage());
    }
    Path file = greetingFile(mailbox);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), mailbox, ".part");
      Files.write(tmp, org.convergepbx.media.WavAudio.toWav(pcm));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the greeting of " + mailbox, e);
    }
  }

  /** Removes the user's greeting; false if there was none. */
  public boolean deleteGreeting(String mailbox) {
    try {
      return Files.deleteIfExists(greetingFile(mailbox));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The greeting's audio (8 kHz 16-bit mono PCM), if the user recorded one. */
  public Optional<byte[]> greetingAudio(String mailbox) {
    return greeting(mailbox).flatMap(f -> {
      try {
        return Optional.of(org.convergepbx.media.WavAudio.readUpload(Files.readAllBytes(f), MAX_GREETING_SECONDS));
      } catch (IOException | org.convergepbx.media.WavAudio.Refused e) {
        LOG.error("The greeting of {} cannot be read; the default one plays", mailbox, e);
        return Optional.empty();
      }
    });
  }

  /** Greetings live apart from the messages, so that they are never listed as one. */
  private Path greetingFile(String mailbox) {
    return directory.resolve("greetings").resolve(mailbox + ".wav");
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
            if (mailboxes.find(m.mailbox()).map(Mailbox::deleteAfterEmail).orElse(false)) {
              Files.deleteIfExists(m.file());
              LOG.info("Voicemail for {} deleted after e-mailing (the mailbox's setting)", m.mailbox());
            }
          } catch (Exception e) {
            LOG.error("Voicemail for {} could not be e-mailed to {}; it stays in {}", m.mailbox(), to.get(), m.file(), e);
          }
        });
  }
}
