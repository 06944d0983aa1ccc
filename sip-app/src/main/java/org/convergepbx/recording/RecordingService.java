package org.convergepbx.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.media.WavAudio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System recordings: uploads are checked and converted before anything is stored (16-bit PCM mono WAV, any
 * sample rate converted to 8 kHz, at most {@link #MAX_SECONDS} s and {@link #MAX_BYTES} bytes), then the file
 * is written next to its final name and moved into place before its row is committed, so a refused or failed
 * upload leaves nothing behind and never damages a stored recording.
 */
public final class RecordingService {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
  /** The longest recording accepted. */
  public static final int MAX_SECONDS = 300;
  /** The largest upload accepted. */
  public static final int MAX_BYTES = 20 * 1024 * 1024;

  private final RecordingRepository repository;
  private final Path directory;
  private final Clock clock;

  public RecordingService(RecordingRepository repository, Path directory, Clock clock) {
    this.repository = repository;
    this.directory = directory;
    this.clock = clock;
  }

  public List<Recording> list() {
    return repository.findAll();
  }

  public Optional<Recording> find(String name) {
    return repository.find(name);
  }

  /**
   * Stores an uploaded WAV file under a new name.
   *
   * @throws InvalidInputException naming {@code name} or {@code file} with the reason
   * @throws ConflictException if the name is taken
   */
  public Recording upload(String name, String description, byte[] file) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
      throw new InvalidInputException("name", "a recording name is 1 to 40 of a-z, 0-9, _ and -");
    }
    if (description != null && description.length() > 80) {
      throw new InvalidInputException("description", "at most 80 characters");
    }
    if (file == null || file.length == 0) {
      throw new InvalidInputException("file", "no file uploaded");
    }
    if (file.length > MAX_BYTES) {
      throw new InvalidInputException("file", "too large: " + file.length + " bytes, at most " + MAX_BYTES);
    }
    if (repository.find(name).isPresent()) {
      throw new ConflictException("name", "recording " + name + " already exists");
    }
    byte[] pcm;
    try {
      pcm = WavAudio.readUpload(file, MAX_SECONDS);
    } catch (WavAudio.Refused e) {
      throw new InvalidInputException("file", e.getMessage());
    }
    byte[] wav = WavAudio.toWav(pcm);
    Path target = fileOf(name);
    try {
      Files.createDirectories(directory);
      Path temp = Files.createTempFile(directory, name + "-", ".part");
      Files.write(temp, wav);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store recording " + name, e);
    }
    Recording r = new Recording(name, description, pcm.length / 16, wav.length, clock.instant());
    try {
      repository.insert(r);
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
    return r;
  }

  /** The stored WAV file's bytes. */
  public byte[] audio(String name) {
    repository.find(name).orElseThrow(() -> new NotFoundException("no recording " + name));
    try {
      return Files.readAllBytes(fileOf(name));
    } catch (IOException e) {
      throw new UncheckedIOException("recording " + name + " has no audio file", e);
    }
  }

  /**
   * Deletes the recording.
   *
   * @param usedBy what still plays the recording (an IVR, "ivr 500"), if anything: then it is kept (409)
   */
  /** The recording's audio as 8 kHz 16-bit mono PCM, to be played. */
  public byte[] pcm(String name) {
    try {
      return org.convergepbx.media.WavAudio.readUpload(audio(name), MAX_SECONDS);
    } catch (org.convergepbx.media.WavAudio.Refused e) {
      throw new IllegalStateException("recording " + name + " is damaged: " + e.getMessage(), e);
    }
  }

  public void delete(String name, java.util.Optional<String> usedBy) {
    repository.find(name).orElseThrow(() -> new NotFoundException("no recording " + name));
    if (usedBy.isPresent()) {
      throw new org.convergepbx.common.ConflictException("name", "recording " + name + " is used by " + usedBy.get());
    }
    if (!repository.delete(name)) {
      throw new NotFoundException("no recording " + name);
    }
    deleteQuietly(fileOf(name));
  }

  private Path fileOf(String name) {
    return directory.resolve(name + ".wav");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Audio file {} could not be deleted (it is overwritten by the next upload of that name): {}", file, e.toString());
    }
  }
}
