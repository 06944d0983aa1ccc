package org.convergepbx.ivr;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;

/**
 * IVR menus. A change is validated as a whole before anything is written; defaults are FreePBX's (timeout
 * 10 s, 3 invalid and 3 timeout retries, hang up after them).
 */
public final class IvrService {
  static final int DEFAULT_TIMEOUT = 10;
  static final int MAX_TIMEOUT = 60;
  static final int DEFAULT_RETRIES = 3;
  static final int MAX_RETRIES = 10;
  static final int MAX_NAME = 80;
  static final String KEYS = "0123456789*#";

  private final IvrRepository repository;
  private final Predicate<String> numberTaken;
  private final Predicate<Destination> destinationExists;
  private final Predicate<String> recordingExists;
  private final Clock clock;

  /**
   * @param numberTaken whether a number is already an extension's or a ring group's
   * @param destinationExists whether a destination names something configured
   * @param recordingExists whether a system recording of that name exists
   */
  public IvrService(
      IvrRepository repository,
      Predicate<String> numberTaken,
      Predicate<Destination> destinationExists,
      Predicate<String> recordingExists,
      Clock clock) {
    this.repository = repository;
    this.numberTaken = numberTaken;
    this.destinationExists = destinationExists;
    this.recordingExists = recordingExists;
    this.clock = clock;
  }

  public List<Ivr> list() {
    return repository.findAll();
  }

  public Optional<Ivr> find(String number) {
    return repository.find(number);
  }

  public boolean exists(String number) {
    return repository.exists(number);
  }

  /** Creates or replaces the IVR; returns true if it was created. */
  public boolean put(String number, IvrDraft draft) {
    IvrDraft valid = withDefaults(draft);
    Map<String, String> keys = validate(number, valid);
    Optional<Ivr> existing = repository.find(number);
    Ivr ivr = existing.orElseGet(() -> new Ivr(number));
    ivr.configure(valid, keys, clock.instant());
    repository.save(ivr);
    return existing.isEmpty();
  }

  public void delete(String number) {
    if (!repository.delete(number)) {
      throw new NotFoundException("no IVR " + number);
    }
  }

  /** The first IVR that plays the recording, as "ivr N", if any does. */
  public Optional<String> userOf(String recording) {
    return repository.findAll().stream()
        .filter(i -> recording.equals(i.announcement()) || recording.equals(i.invalidRecording())
            || recording.equals(i.timeoutRecording()))
        .map(i -> "ivr " + i.number())
        .findFirst();
  }

  /** The menu of an IVR, for a call. */
  public Optional<IvrMenu> menu(String number) {
    return repository.find(number).map(IvrService::menuOf);
  }

  private static IvrMenu menuOf(Ivr i) {
    Map<Character, Destination> keys = new HashMap<>();
    i.keys().forEach((k, d) -> keys.put(k.charAt(0), Destination.parse("keys." + k, d)));
    return new IvrMenu(
        i.number(),
        i.announcement(),
        keys,
        Duration.ofSeconds(i.timeout()),
        i.invalidRetries(),
        i.timeoutRetries(),
        i.invalidRecording(),
        i.timeoutRecording(),
        i.repeatKey() == null ? null : i.repeatKey().charAt(0),
        i.directDial(),
        Destination.parse("invalidDestination", i.invalidDestination()),
        Destination.parse("timeoutDestination", i.timeoutDestination()));
  }

  private static IvrDraft withDefaults(IvrDraft d) {
    return new IvrDraft(
        d.name(),
        blankToNull(d.announcement()),
        d.keys() == null ? Map.of() : d.keys(),
        d.timeout() == null ? DEFAULT_TIMEOUT : d.timeout(),
        d.invalidRetries() == null ? DEFAULT_RETRIES : d.invalidRetries(),
        d.timeoutRetries() == null ? DEFAULT_RETRIES : d.timeoutRetries(),
        blankToNull(d.invalidRecording()),
        blankToNull(d.timeoutRecording()),
        blankToNull(d.repeatKey()),
        d.directDial() != null && d.directDial(),
        d.invalidDestination() == null ? "hangup" : d.invalidDestination().trim().toLowerCase(java.util.Locale.ROOT),
        d.timeoutDestination() == null ? "hangup" : d.timeoutDestination().trim().toLowerCase(java.util.Locale.ROOT));
  }

  /** Checks the draft; returns its keys with destinations in their normal text form. */
  private Map<String, String> validate(String number, IvrDraft d) {
    if (number == null || !number.matches("[0-9]{2,10}")) {
      throw new InvalidInputException("number", "an IVR number is 2 to 10 digits");
    }
    if (numberTaken.test(number)) {
      throw new ConflictException("number", number + " is already an extension or a ring group");
    }
    if (d.name() == null || d.name().isBlank() || d.name().length() > MAX_NAME) {
      throw new InvalidInputException("name", "name is required, at most " + MAX_NAME + " characters");
    }
    requireRecording("announcement", d.announcement());
    requireRecording("invalidRecording", d.invalidRecording());
    requireRecording("timeoutRecording", d.timeoutRecording());
    if (d.timeout() < 1 || d.timeout() > MAX_TIMEOUT) {
      throw new InvalidInputException("timeout", "timeout is seconds, 1 to " + MAX_TIMEOUT);
    }
    requireRetries("invalidRetries", d.invalidRetries());
    requireRetries("timeoutRetries", d.timeoutRetries());
    Map<String, String> keys = new TreeMap<>();
    for (Map.Entry<String, String> e : d.keys().entrySet()) {
      String field = "keys." + e.getKey();
      if (!isKey(e.getKey())) {
        throw new InvalidInputException(field, "a key is one of 0-9, * and #");
      }
      keys.put(e.getKey(), existing(field, e.getValue()).text());
    }
    if (d.repeatKey() != null && (!isKey(d.repeatKey()) || keys.containsKey(d.repeatKey()))) {
      throw new InvalidInputException("repeatKey", "repeatKey is one of 0-9, * and #, and not a key with a destination");
    }
    existing("invalidDestination", d.invalidDestination());
    existing("timeoutDestination", d.timeoutDestination());
    return keys;
  }

  private Destination existing(String field, String text) {
    return Destination.existing(field, text, destinationExists);
  }

  private void requireRecording(String field, String name) {
    if (name != null && !recordingExists.test(name)) {
      throw new InvalidInputException(field, "no system recording named '" + name + "'");
    }
  }

  private static void requireRetries(String field, int retries) {
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new InvalidInputException(field, field + " is 0 to " + MAX_RETRIES);
    }
  }

  private static boolean isKey(String key) {
    return key != null && key.length() == 1 && KEYS.contains(key);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
