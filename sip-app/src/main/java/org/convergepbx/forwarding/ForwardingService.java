package org.convergepbx.forwarding;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.NoAnswerChain;

/**
 * Call forwarding and do-not-disturb per extension, set by feature codes from the extension's own phone or over
 * HTTP. A target must be an extension; over HTTP a forward that leads back to the extension is refused (400);
 * feature codes are not checked for loops, and at call time any loop is cut by the router's hop limit.
 */
public final class ForwardingService {
  private final CallForwardRepository repository;
  private final Predicate<String> extensionExists;
  private final Function<Destination, List<Destination>> onwards;
  private final Clock clock;

  /** @param onwards where a destination, as stored, sends calls on (for the refusal of loops) */
  public ForwardingService(
      CallForwardRepository repository,
      Predicate<String> extensionExists,
      Function<Destination, List<Destination>> onwards,
      Clock clock) {
    this.repository = repository;
    this.extensionExists = extensionExists;
    this.onwards = onwards;
    this.clock = clock;
  }

  /** The extension's forwarding ({@link Forwarding#NONE} when nothing is set). */
  public Forwarding of(String extension) {
    return repository.find(extension).map(CallForward::forwarding).orElse(Forwarding.NONE);
  }

  /** Applies a feature code dialled by {@code extension}; returns the forwarding now in force. */
  public Forwarding apply(String extension, FeatureCode code) {
    Forwarding next = of(extension).with(code);
    if (code.number() != null && !extensionExists.test(code.number())) {
      throw new InvalidInputException("number", code.number() + " is not an extension");
    }
    repository.save(extension, next, clock.instant());
    return next;
  }

  /** Replaces the extension's forwarding (HTTP). */
  public Forwarding put(String extension, Forwarding f) {
    if (!extensionExists.test(extension)) {
      throw new NotFoundException("no extension " + extension);
    }
    check(extension, "unconditional", f.unconditional());
    check(extension, "busy", f.busy());
    check(extension, "noAnswer", f.noAnswer());
    repository.save(extension, f, clock.instant());
    return f;
  }

  /** A target must be an extension, and a call forwarded there must not come back. */
  private void check(String extension, String field, String target) {
    if (target == null) {
      return;
    }
    if (!extensionExists.test(target)) {
      throw new InvalidInputException(field, "'" + target + "' is not an extension");
    }
    NoAnswerChain.refuseLoops(
        field, new Destination.ExtensionTarget(extension), new Destination.ExtensionTarget(target), onwards);
  }
}
