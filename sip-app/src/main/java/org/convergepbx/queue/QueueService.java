package org.convergepbx.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.Members;
import org.convergepbx.routing.NoAnswerChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of queues, their agents (log in / out, pause) and the queue log. A change is validated as a whole
 * before anything is written. Every agent change is logged (ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE).
 */
public final class QueueService {
  private static final Logger LOG = LoggerFactory.getLogger(QueueService.class);
  static final int MAX_NAME = 80;
  static final int MAX_MEMBERS = 200;
  static final int MAX_SECONDS = 86_400;
  private static final String KEYS = "0123456789*#";
  /** The queue log's call id of events that belong to no call (agent events), as in Asterisk. */
  public static final String NO_CALL = "NONE";

  private final QueueRepository repository;
  private final QueueLogRepository log;
  private final Predicate<String> extensionExists;
  private final Predicate<String> numberTaken;
  private final Predicate<Destination> destinationExists;
  private final Function<Destination, List<Destination>> onwards;
  private final Predicate<String> recordingExists;
  private final Clock clock;

  /**
   * @param numberTaken whether a number is already an extension's, a ring group's or an IVR's
   * @param onwards where a destination, as stored, sends calls on (for the refusal of loops)
   */
  public QueueService(
      QueueRepository repository,
      QueueLogRepository log,
      Predicate<String> extensionExists,
      Predicate<String> numberTaken,
      Predicate<Destination> destinationExists,
      Function<Destination, List<Destination>> onwards,
      Predicate<String> recordingExists,
      Clock clock) {
    this.repository = repository;
    this.log = log;
    this.extensionExists = extensionExists;
    this.numberTaken = numberTaken;
    this.destinationExists = destinationExists;
    this.onwards = onwards;
    this.recordingExists = recordingExists;
    this.clock = clock;
  }

  public List<CallQueue> list() {
    return repository.findAll();
  }

  public Optional<CallQueue> find(String number) {
    return repository.find(number);
  }

  public boolean exists(String number) {
    return repository.exists(number);
  }

  /** Creates or replaces the queue; returns true if it was created. */
  public boolean put(String number, QueueDraft draft) {
    if (draft.number() != null && !draft.number().equals(number)) {
      throw new InvalidInputException("number", "number must be the one in the path (" + number + ")");
    }
    QueueSettings valid = validate(number, draft);
    Optional<CallQueue> existing = repository.find(number);
    CallQueue queue = existing.orElseGet(() -> new CallQueue(number));
    queue.configure(valid, clock.instant());
    repository.save(queue);
    return existing.isEmpty();
  }

  public void delete(String number) {
    if (!repository.delete(number)) {
      throw new NotFoundException("no queue " + number);
    }
  }

  /** The first queue that plays the recording as its music, as "queue N", if any does. */
  public Optional<String> userOf(String recording) {
    return repository.findAll().stream()
        .filter(q -> recording.equals(q.settings().music()))
        .map(q -> "queue " + q.number())
        .findFirst();
  }

  /** The queue's rules and its members now (static members in order, then logged-in agents), for a call. */
  public Optional<QueueRun> run(String number) {
    return repository.find(number).map(q -> new QueueRun(q.number(), q.settings(), members(q)));
  }

  /** The agents' view of a queue: static members and dynamic agents with their pause state. */
  public List<Acd.Member> members(String number) {
    CallQueue q = repository.find(number).orElseThrow(() -> new NotFoundException("no queue " + number));
    return members(q);
  }

  private List<Acd.Member> members(CallQueue q) {
    Map<String, QueueAgent> state = new LinkedHashMap<>();
    repository.agents(q.number()).forEach(a -> state.put(a.extension(), a));
    List<Acd.Member> members = new ArrayList<>();
    for (String m : q.settings().members()) {
      QueueAgent a = state.remove(m);
      members.add(new Acd.Member(m, false, a != null && a.paused()));
    }
    state.values().stream().filter(QueueAgent::loggedIn)
        .forEach(a -> members.add(new Acd.Member(a.extension(), true, a.paused())));
    return members;
  }

  /**
   * Logs a dynamic agent in ({@code true}) or out. Logging in a static member, or an agent already in that state,
   * changes nothing.
   *
   * @return true if something changed
   */
  public boolean login(String queue, String extension, boolean in) {
    CallQueue q = requireQueue(queue);
    if (!extensionExists.test(extension)) {
      throw new InvalidInputException("extension", "'" + extension + "' is not an extension");
    }
    if (q.settings().members().contains(extension)) {
      if (in) {
        return false;
      }
      throw new ConflictException("extension", extension + " is a static member of queue " + queue);
    }
    QueueAgent a = repository.agent(queue, extension).orElseGet(() -> new QueueAgent(queue, extension));
    if (a.loggedIn() == in) {
      return false;
    }
    a.loggedIn(in, clock.instant());
    if (!in) {
      a.paused(false, clock.instant());
    }
    repository.saveAgent(a);
    record(new QueueLogEntry(clock.instant(), NO_CALL, queue, extension, in ? QueueEvent.ADDMEMBER : QueueEvent.REMOVEMEMBER));
    return true;
  }

  /**
   * Pauses ({@code true}) or unpauses a member (static or logged in) of a queue.
   *
   * @return true if something changed
   */
  public boolean pause(String queue, String extension, boolean paused) {
    CallQueue q = requireQueue(queue);
    boolean member = q.settings().members().contains(extension)
        || repository.agent(queue, extension).map(QueueAgent::loggedIn).orElse(false);
    if (!member) {
      throw new NotFoundException(extension + " is not a member of queue " + queue);
    }
    QueueAgent a = repository.agent(queue, extension).orElseGet(() -> new QueueAgent(queue, extension));
    if (a.paused() == paused) {
      return false;
    }
    a.paused(paused, clock.instant());
    repository.saveAgent(a);
    record(new QueueLogEntry(clock.instant(), NO_CALL, queue, extension, paused ? QueueEvent.PAUSE : QueueEvent.UNPAUSE));
    return true;
  }

  /**
   * {@code *45N}: logs the extension in to queue N, or out if it is logged in; returns true if now logged in.
   *
   * @throws ConflictException for a static member (a member by configuration)
   */
  public boolean toggleLogin(String queue, String extension) {
    if (requireQueue(queue).settings().members().contains(extension)) {
      throw new ConflictException("extension", extension + " is a static member of queue " + queue);
    }
    boolean in = repository.agent(queue, extension).map(QueueAgent::loggedIn).orElse(false);
    login(queue, extension, !in);
    return !in;
  }

  /**
   * {@code *46} / {@code *46N}: pauses the extension in every queue it is a member of (or in queue N), or
   * unpauses it if it is paused in any of them; returns true if now paused.
   *
   * @throws NotFoundException if the extension is a member of no such queue
   */
  public boolean togglePause(String extension, String queue) {
    List<String> queues = new ArrayList<>();
    for (CallQueue q : repository.findAll()) {
      boolean member = q.settings().members().contains(extension)
          || repository.agent(q.number(), extension).map(QueueAgent::loggedIn).orElse(false);
      if (member && (queue == null || queue.equals(q.number()))) {
        queues.add(q.number());
      }
    }
    if (queues.isEmpty()) {
      throw new NotFoundException(extension + " is a member of no queue" + (queue == null ? "" : " " + queue));
    }
    boolean anyPaused = queues.stream()
        .anyMatch(q -> repository.agent(q, extension).map(QueueAgent::paused).orElse(false));
    for (String q : queues) {
      pause(q, extension, !anyPaused);
    }
    return !anyPaused;
  }

  /** Stores a queue log event; a failure is logged, never thrown (calls go on). */
  public void record(QueueLogEntry entry) {
    try {
      log.append(entry);
    } catch (RuntimeException e) {
      LOG.error("Queue log event {} of queue {} could not be stored", entry.event(), entry.queue(), e);
    }
  }

  /** The queue log between two instants, oldest first. */
  public List<QueueLogEntry> events(java.time.Instant from, java.time.Instant to) {
    return log.between(from, to);
  }

  /** The service level threshold of each configured queue (a deleted queue's events use the default). */
  public Map<String, Duration> serviceLevels() {
    Map<String, Duration> levels = new LinkedHashMap<>();
    repository.findAll().forEach(q -> levels.put(q.number(), Duration.ofSeconds(q.settings().serviceLevel())));
    return levels;
  }

  private CallQueue requireQueue(String number) {
    return repository.find(number).orElseThrow(() -> new NotFoundException("no queue " + number));
  }

  private QueueSettings validate(String number, QueueDraft d) {
    if (number == null || !number.matches("[0-9]{2,10}")) {
      throw new InvalidInputException("number", "a queue number is 2 to 10 digits");
    }
    if (numberTaken.test(number)) {
      throw new ConflictException("number", number + " is already an extension, a ring group or an IVR");
    }
    if (d.name() == null || d.name().isBlank() || d.name().length() > MAX_NAME) {
      throw new InvalidInputException("name", "name is required, at most " + MAX_NAME + " characters");
    }
    QueueStrategy strategy = d.strategy() == null ? QueueStrategy.RINGALL : QueueStrategy.named(d.strategy());
    if (strategy == null) {
      throw new InvalidInputException("strategy", "strategy must be one of " + QueueStrategy.names());
    }
    List<String> members = d.members() == null ? List.of() : d.members();
    validateMembers(members);
    String music = blankToNull(d.music());
    if (music != null && !recordingExists.test(music)) {
      throw new InvalidInputException("music", "no system recording named '" + music + "'");
    }
    String exitKey = blankToNull(d.exitKey());
    if (exitKey != null && (exitKey.length() != 1 || !KEYS.contains(exitKey))) {
      throw new InvalidInputException("exitKey", "exitKey is one of 0-9, * and #");
    }
    String exitDestination = null;
    if (exitKey != null) {
      exitDestination = existing("exitDestination", d.exitDestination()).text();
    } else if (blankToNull(d.exitDestination()) != null) {
      throw new InvalidInputException("exitDestination", "exitDestination needs an exitKey");
    }
    Destination failover = existing("failover", d.failover() == null ? "hangup" : d.failover());
    NoAnswerChain.refuseLoops("failover", new Destination.QueueTarget(number), failover, onwards);
    return new QueueSettings(
        d.name().trim(), strategy, members,
        seconds("memberTimeout", d.memberTimeout(), 15, 1, 600),
        seconds("retry", d.retry(), 5, 0, 600),
        seconds("wrapUp", d.wrapUp(), 0, 0, 3600),
        seconds("maxWait", d.maxWait(), 0, 0, MAX_SECONDS),
        seconds("maxCallers", d.maxCallers(), 0, 0, 10_000),
        d.joinEmpty() == null || d.joinEmpty(),
        d.leaveWhenEmpty() != null && d.leaveWhenEmpty(),
        d.ringInUse() != null && d.ringInUse(),
        music,
        seconds("announceFrequency", d.announceFrequency(), 30, 0, 3600),
        d.announcePosition() == null || d.announcePosition(),
        d.announceHoldTime() == null || d.announceHoldTime(),
        exitKey, exitDestination, failover.text(),
        seconds("serviceLevel", d.serviceLevel(), 60, 1, 3600));
  }

  private void validateMembers(List<String> members) {
    if (members.size() > MAX_MEMBERS) {
      throw new InvalidInputException("members", "at most " + MAX_MEMBERS + " members");
    }
    Members.requireExtensions("members", members, extensionExists, "is not an extension");
  }

  private Destination existing(String field, String text) {
    return Destination.existing(field, text, destinationExists);
  }

  private static int seconds(String field, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InvalidInputException(field, field + " is " + min + " to " + max);
    }
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
