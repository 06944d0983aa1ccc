package org.convergepbx.blacklist;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;

/**
 * The blacklist of caller numbers (FreePBX's Blacklist): a listed caller's calls are refused with 603 Decline,
 * or sent to the entry's destination. Numbers are matched exactly, as the caller's user part arrives.
 */
public final class BlacklistService {
  /** What a listed caller gets when the entry names no destination. */
  public static final Destination DECLINE = new Destination.HangUp(603, "Decline");
  /** How an entry without a destination is shown, and may be written back. */
  public static final String DECLINE_TEXT = "decline";
  static final int MAX_DESCRIPTION = 80;

  private final BlacklistRepository repository;
  private final Predicate<Destination> destinationExists;
  private final Clock clock;

  public BlacklistService(BlacklistRepository repository, Predicate<Destination> destinationExists, Clock clock) {
    this.repository = repository;
    this.destinationExists = destinationExists;
    this.clock = clock;
  }

  public List<BlacklistEntry> list() {
    return repository.findAll();
  }

  public Optional<BlacklistEntry> find(String number) {
    return repository.find(number);
  }

  /**
   * Lists a caller number, or replaces its entry.
   *
   * @return true if it was not listed before
   */
  public boolean put(String number, String description, String destination) {
    if (number == null || !number.matches("\\+?[0-9]{2,20}")) {
      throw new InvalidInputException("number", "a caller number is 2 to 20 digits, optionally after +");
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw new InvalidInputException("description", "at most " + MAX_DESCRIPTION + " characters");
    }
    String stored = null;
    if (destination != null && !destination.trim().equalsIgnoreCase(DECLINE_TEXT)) {
      stored = Destination.existing("destination", destination, destinationExists).text();
    }
    Optional<BlacklistEntry> existing = repository.find(number);
    BlacklistEntry entry = existing.orElseGet(() -> new BlacklistEntry(number));
    entry.set(description, stored, clock.instant());
    repository.save(entry);
    return existing.isEmpty();
  }

  public void delete(String number) {
    if (!repository.delete(number)) {
      throw new NotFoundException("caller " + number + " is not blacklisted");
    }
  }

  /** Where a call from {@code caller} must go instead, if the caller is listed. */
  public Optional<Destination> destinationFor(String caller) {
    return repository
        .find(caller)
        .map(e -> e.destination() == null ? DECLINE : Destination.parse("destination", e.destination()));
  }
}
