package org.convergepbx.followme;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.Members;
import org.convergepbx.routing.FollowMePlan;
import org.convergepbx.routing.NoAnswerChain;

/**
 * Follow Me per extension. A change is validated as a whole before anything is written: list members must be
 * extensions, the no-answer destination must exist and must not lead back to the extension.
 */
public final class FollowMeService {
  static final int MAX_INITIAL_RING_TIME = 60;
  static final int MIN_RING_TIME = 1;
  static final int MAX_RING_TIME = 300;
  static final int MAX_MEMBERS = 16;

  private final FollowMeRepository repository;
  private final Predicate<String> extensionExists;
  private final Predicate<Destination> destinationExists;
  private final Function<Destination, List<Destination>> onwards;
  private final Clock clock;

  /**
   * @param destinationExists whether a destination names something configured
   * @param onwards where a destination, as stored, sends calls on (for the refusal of loops)
   */
  public FollowMeService(
      FollowMeRepository repository,
      Predicate<String> extensionExists,
      Predicate<Destination> destinationExists,
      Function<Destination, List<Destination>> onwards,
      Clock clock) {
    this.repository = repository;
    this.extensionExists = extensionExists;
    this.destinationExists = destinationExists;
    this.onwards = onwards;
    this.clock = clock;
  }

  /** The extension's Follow Me; 404 if the extension does not exist, empty if it has none. */
  public Optional<FollowMe> find(String extension) {
    requireExtension(extension);
    return repository.find(extension);
  }

  /** Sets the extension's Follow Me; returns true if it had none. */
  public boolean put(String extension, FollowMeDraft draft) {
    requireExtension(extension);
    validate(extension, draft);
    Optional<FollowMe> existing = repository.find(extension);
    FollowMe f = existing.orElseGet(() -> new FollowMe(extension));
    f.configure(draft, clock.instant());
    repository.save(f);
    return existing.isEmpty();
  }

  public void delete(String extension) {
    requireExtension(extension);
    if (!repository.delete(extension)) {
      throw new NotFoundException("extension " + extension + " has no Follow Me");
    }
  }

  /** The plan of an enabled Follow Me, for the router. */
  public Optional<FollowMePlan> plan(String extension) {
    return repository
        .find(extension)
        .filter(FollowMe::enabled)
        .map(
            f ->
                new FollowMePlan(
                    f.extension(),
                    Duration.ofSeconds(f.initialRingTime()),
                    f.members(),
                    Duration.ofSeconds(f.ringTime()),
                    "hunt".equals(f.strategy()),
                    Destination.parse("noAnswer", f.noAnswer()),
                    f.confirmCalls()));
  }

  private void requireExtension(String extension) {
    if (!extensionExists.test(extension)) {
      throw new NotFoundException("no extension " + extension);
    }
  }

  private void validate(String extension, FollowMeDraft d) {
    if (d.enabled() == null) {
      throw new InvalidInputException("enabled", "enabled (true or false) is required");
    }
    if (d.initialRingTime() == null || d.initialRingTime() < 0 || d.initialRingTime() > MAX_INITIAL_RING_TIME) {
      throw new InvalidInputException(
          "initialRingTime", "initialRingTime is seconds, 0 to " + MAX_INITIAL_RING_TIME);
    }
    if (d.ringTime() == null || d.ringTime() < MIN_RING_TIME || d.ringTime() > MAX_RING_TIME) {
      throw new InvalidInputException("ringTime", "ringTime is seconds, " + MIN_RING_TIME + " to " + MAX_RING_TIME);
    }
    if (d.strategy() == null || !List.of("ringall", "hunt").contains(d.strategy().toLowerCase(java.util.Locale.ROOT))) {
      throw new InvalidInputException("strategy", "strategy must be ringall or hunt");
    }
    validateMembers(d.members());
    Destination target = Destination.existing("noAnswer", d.noAnswer(), destinationExists);
    if (d.enabled()) {
      NoAnswerChain.refuseLoops("noAnswer", new Destination.ExtensionTarget(extension), target, onwards);
    }
  }

  private void validateMembers(List<String> members) {
    if (members == null || members.isEmpty()) {
      throw new InvalidInputException("members", "the follow-me list has at least one number");
    }
    if (members.size() > MAX_MEMBERS) {
      throw new InvalidInputException("members", "at most " + MAX_MEMBERS + " numbers");
    }
    Members.requireExtensions(
        "members", members, extensionExists, "is not an extension (external numbers need outbound routes)");
  }
}
