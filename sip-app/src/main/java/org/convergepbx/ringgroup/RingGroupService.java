package org.convergepbx.ringgroup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.GroupPlan;
import org.convergepbx.routing.Members;
import org.convergepbx.routing.NoAnswerChain;

/**
 * Configuration of ring groups, and their plan for each call. A change is validated as a whole before anything
 * is written: members must be extensions, the no-answer destination must exist, and no chain of no-answer
 * destinations may lead back to the group (a loop is refused with 400 naming {@code noAnswer}).
 *
 * <p>For {@code leastrecent}, the time each member last answered a call of each group is kept in memory: it
 * starts afresh when the server starts.
 */
public final class RingGroupService {
  /** Shortest and longest ring time per step, in seconds. */
  static final int MIN_RING_TIME = 1;
  static final int MAX_RING_TIME = 300;
  static final int MAX_MEMBERS = 64;
  static final int MAX_PREFIX = 40;
  static final int MAX_DESCRIPTION = 80;

  private final RingGroupRepository repository;
  private final Predicate<String> extensionExists;
  private final Predicate<Destination> destinationExists;
  private final Function<Destination, List<Destination>> onwards;
  private final Clock clock;
  private final Random random;
  private final Map<String, Instant> lastAnswered = new ConcurrentHashMap<>();

  /**
   * @param destinationExists whether a destination names something configured
   * @param onwards where a destination, as stored, sends calls on (for the refusal of loops)
   */
  public RingGroupService(
      RingGroupRepository repository,
      Predicate<String> extensionExists,
      Predicate<Destination> destinationExists,
      Function<Destination, List<Destination>> onwards,
      Clock clock,
      Random random) {
    this.repository = repository;
    this.extensionExists = extensionExists;
    this.destinationExists = destinationExists;
    this.onwards = onwards;
    this.clock = clock;
    this.random = random;
  }

  public List<RingGroup> list() {
    return repository.findAll();
  }

  public Optional<RingGroup> find(String number) {
    return repository.find(number);
  }

  public boolean exists(String number) {
    return repository.exists(number);
  }

  /**
   * Creates the group or replaces its configuration.
   *
   * @return true if it was created
   */
  public boolean put(String number, RingGroupDraft draft) {
    if (draft.number() != null && !draft.number().equals(number)) {
      throw new InvalidInputException("number", "number must be the one in the path (" + number + ")");
    }
    validate(number, draft);
    Optional<RingGroup> existing = repository.find(number);
    RingGroup group = existing.orElseGet(() -> new RingGroup(number));
    group.configure(draft, clock.instant());
    repository.save(group);
    return existing.isEmpty();
  }

  /**
   * Deletes a group that is no other group's no-answer destination.
   *
   * @throws ConflictException naming the groups that send calls to it
   */
  public void delete(String number) {
    if (!repository.exists(number)) {
      throw new NotFoundException("no ring group " + number);
    }
    String self = new Destination.RingGroupTarget(number).text();
    List<String> users = new ArrayList<>();
    for (RingGroup g : repository.findAll()) {
      if (self.equals(g.noAnswer())) {
        users.add(g.number());
      }
    }
    if (!users.isEmpty()) {
      throw new ConflictException("number", "ring group " + number + " is the no-answer destination of " + users);
    }
    repository.delete(number);
  }

  /** The plan of a group for one call: its members arranged in steps by its strategy, now. */
  public Optional<GroupPlan> plan(String number) {
    return repository
        .find(number)
        .map(
            g ->
                new GroupPlan(
                    g.number(),
                    g.strategy().label(),
                    g.strategy().steps(g.members(), m -> lastAnswered(g.number(), m), random),
                    Duration.ofSeconds(g.ringTime()),
                    g.callerIdPrefix(),
                    Destination.parse("noAnswer", g.noAnswer())));
  }

  /** {@code member} answered a call of group {@code number} (for {@code leastrecent}). */
  public void answered(String number, String member) {
    lastAnswered.put(number + "/" + member, clock.instant());
  }

  private Instant lastAnswered(String group, String member) {
    return lastAnswered.getOrDefault(group + "/" + member, Instant.MIN);
  }

  private void validate(String number, RingGroupDraft d) {
    if (number == null || !number.matches("[0-9]{2,10}")) {
      throw new InvalidInputException("number", "a ring group number is 2 to 10 digits");
    }
    if (extensionExists.test(number)) {
      throw new ConflictException("number", number + " is an extension");
    }
    if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
      throw new InvalidInputException("description", "at most " + MAX_DESCRIPTION + " characters");
    }
    if (RingStrategy.named(d.strategy()) == null) {
      throw new InvalidInputException(
          "strategy", "strategy must be one of ringall, hunt, memoryhunt, leastrecent, random");
    }
    if (d.ringTime() == null || d.ringTime() < MIN_RING_TIME || d.ringTime() > MAX_RING_TIME) {
      throw new InvalidInputException(
          "ringTime", "ringTime is seconds, " + MIN_RING_TIME + " to " + MAX_RING_TIME);
    }
    if (d.callerIdPrefix() != null && d.callerIdPrefix().length() > MAX_PREFIX) {
      throw new InvalidInputException("callerIdPrefix", "at most " + MAX_PREFIX + " characters");
    }
    validateMembers(d.members());
    validateNoAnswer(number, d.noAnswer());
  }

  private void validateMembers(List<String> members) {
    if (members == null || members.isEmpty()) {
      throw new InvalidInputException("members", "a ring group has at least one member");
    }
    if (members.size() > MAX_MEMBERS) {
      throw new InvalidInputException("members", "at most " + MAX_MEMBERS + " members");
    }
    Members.requireExtensions("members", members, extensionExists, "is not an extension");
  }

  private void validateNoAnswer(String number, String text) {
    Destination target = Destination.existing("noAnswer", text, destinationExists);
    NoAnswerChain.refuseLoops("noAnswer", new Destination.RingGroupTarget(number), target, onwards);
  }
}
