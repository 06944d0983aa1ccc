package org.convergepbx.daynight;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.NoAnswerChain;
import org.convergepbx.security.PasswordHasher;

/**
 * Day/Night controls and the time groups that schedule them. Changes are validated as a whole before anything
 * is written. The clock is injected, so the schedule can be tested at any time of any day.
 */
public final class DayNightService {
  static final int MAX_INDEX = 9;
  static final int MAX_RULES = 32;

  private final DayNightRepository repository;
  private final Predicate<Destination> destinationExists;
  private final Function<Destination, List<Destination>> onwards;
  private final Clock clock;

  /**
   * @param destinationExists whether a destination names something configured
   * @param onwards where a destination, as stored, sends calls on (for the refusal of loops)
   */
  public DayNightService(
      DayNightRepository repository,
      Predicate<Destination> destinationExists,
      Function<Destination, List<Destination>> onwards,
      Clock clock) {
    this.repository = repository;
    this.destinationExists = destinationExists;
    this.onwards = onwards;
    this.clock = clock;
  }

  /** A control with its mode now and where that mode came from. */
  public record State(DayNightControl control, Mode mode, boolean manual) {}

  public List<State> list() {
    return repository.findAll().stream().map(this::state).toList();
  }

  public Optional<State> find(int index) {
    return repository.find(index).map(this::state);
  }

  public boolean exists(int index) {
    return repository.find(index).isPresent();
  }

  /** Where the control sends calls now. */
  public Optional<Destination> currentDestination(int index) {
    return repository
        .find(index)
        .map(c -> Destination.parse("destination", state(c).mode() == Mode.DAY ? c.dayDestination() : c.nightDestination()));
  }

  /** Creates or replaces a control's configuration (its manual setting is kept); true if created. */
  public boolean put(int index, DayNightDraft d) {
    checkIndex(index);
    Destination day = destination("dayDestination", d.dayDestination());
    Destination night = destination("nightDestination", d.nightDestination());
    Destination self = new Destination.DayNightTarget(index);
    NoAnswerChain.refuseLoops("dayDestination", self, day, onwards);
    NoAnswerChain.refuseLoops("nightDestination", self, night, onwards);
    if (d.pin() != null && !d.pin().matches("[0-9]{4,10}")) {
      throw new InvalidInputException("pin", "a PIN is 4 to 10 digits");
    }
    if (d.timeGroup() != null && repository.findGroup(d.timeGroup()).isEmpty()) {
      throw new InvalidInputException("timeGroup", "no time group " + d.timeGroup());
    }
    if (d.description() != null && d.description().length() > 80) {
      throw new InvalidInputException("description", "at most 80 characters");
    }
    Optional<DayNightControl> existing = repository.find(index);
    DayNightControl c = existing.orElseGet(() -> new DayNightControl(index));
    String pinHash = d.pin() == null ? null : PasswordHasher.hash(d.pin());
    c.configure(d.description(), day.text(), night.text(), pinHash, d.timeGroup(), clock.instant());
    repository.save(c);
    return existing.isEmpty();
  }

  public void delete(int index) {
    if (!repository.delete(index)) {
      throw new NotFoundException("no Day/Night control " + index);
    }
  }

  /** Sets the mode by hand (HTTP): it lasts until the schedule's next change, or until set again. */
  public State setMode(int index, Mode mode) {
    DayNightControl c = control(index);
    Instant now = clock.instant();
    c.setManually(mode, schedule(c).flatMap(s -> s.nextChange(now)).orElse(null), now);
    repository.save(c);
    return state(c);
  }

  /**
   * Toggles the mode from a phone ({@code *28n}); a control with a PIN needs it.
   *
   * @throws SecurityException if the PIN is missing or wrong
   */
  public State toggle(int index, String pin) {
    DayNightControl c = control(index);
    if (c.pinHash() != null && (pin == null || !PasswordHasher.verify(pin, c.pinHash()))) {
      throw new SecurityException("wrong PIN for Day/Night control " + index);
    }
    return setMode(index, state(c).mode().other());
  }

  public List<TimeGroup> groups() {
    return repository.findAllGroups();
  }

  public Optional<TimeGroup> group(String name) {
    return repository.findGroup(name);
  }

  /** Creates or replaces a time group; true if created. */
  public boolean putGroup(String name, String description, String timeZone, List<String> rules) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      throw new InvalidInputException("name", "a time group name is 1 to 40 of a-z, 0-9 and -");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(timeZone == null ? "UTC" : timeZone);
    } catch (DateTimeException e) {
      throw new InvalidInputException("timeZone", "unknown time zone " + timeZone + " (e.g. Europe/Zurich)");
    }
    if (description != null && description.length() > 80) {
      throw new InvalidInputException("description", "at most 80 characters");
    }
    if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) {
      throw new InvalidInputException("rules", "1 to " + MAX_RULES + " rules, e.g. 08:00-17:00|mon-fri|*|*");
    }
    List<TimeRule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      parsed.add(TimeRule.parse("rules[" + i + "]", rules.get(i)));
    }
    Optional<TimeGroup> existing = repository.findGroup(name);
    TimeGroup g = existing.orElseGet(() -> new TimeGroup(name));
    g.configure(description, zone, parsed, clock.instant());
    repository.saveGroup(g);
    return existing.isEmpty();
  }

  /** Deletes a time group no control follows. */
  public void deleteGroup(String name) {
    List<Integer> users =
        repository.findAll().stream().filter(c -> name.equals(c.timeGroup())).map(DayNightControl::index).toList();
    if (!users.isEmpty()) {
      throw new ConflictException("name", "time group " + name + " schedules Day/Night control(s) " + users);
    }
    if (!repository.deleteGroup(name)) {
      throw new NotFoundException("no time group " + name);
    }
  }

  private State state(DayNightControl c) {
    Instant now = clock.instant();
    boolean manual = c.manualMode() != null && (c.manualUntil() == null || now.isBefore(c.manualUntil()));
    Optional<Schedule> schedule = schedule(c);
    return new State(c, Mode.effective(c.manualMode(), c.manualUntil(), schedule, now), manual || schedule.isEmpty());
  }

  private Optional<Schedule> schedule(DayNightControl c) {
    return c.timeGroup() == null ? Optional.empty() : repository.findGroup(c.timeGroup()).map(TimeGroup::schedule);
  }

  private DayNightControl control(int index) {
    return repository.find(index).orElseThrow(() -> new NotFoundException("no Day/Night control " + index));
  }

  private static void checkIndex(int index) {
    if (index < 0 || index > MAX_INDEX) {
      throw new InvalidInputException("index", "a Day/Night control's index is 0 to " + MAX_INDEX);
    }
  }

  private Destination destination(String field, String text) {
    return Destination.existing(field, text, destinationExists);
  }
}
