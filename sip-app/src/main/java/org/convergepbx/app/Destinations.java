package org.convergepbx.app;

import java.util.Optional;
import org.convergepbx.extension.ExtensionRepository;
import org.convergepbx.followme.FollowMe;
import org.convergepbx.followme.FollowMeRepository;
import org.convergepbx.forwarding.CallForward;
import org.convergepbx.forwarding.CallForwardRepository;
import org.convergepbx.forwarding.Forwarding;
import org.convergepbx.ringgroup.RingGroupRepository;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.ForwardPlan;

/**
 * What configuration checks need to know of destinations across features: whether one exists, and where it
 * sends an unanswered call (for the refusal of loops). Reads each feature through its repository interface.
 */
final class Destinations {
  private final ExtensionRepository extensions;
  private final RingGroupRepository ringGroups;
  private final FollowMeRepository followMe;
  private final CallForwardRepository forwards;

  Destinations(
      ExtensionRepository extensions,
      RingGroupRepository ringGroups,
      FollowMeRepository followMe,
      CallForwardRepository forwards) {
    this.extensions = extensions;
    this.ringGroups = ringGroups;
    this.followMe = followMe;
    this.forwards = forwards;
  }

  boolean exists(Destination d) {
    if (d instanceof Destination.ExtensionTarget e) {
      return extensions.exists(e.number());
    }
    if (d instanceof Destination.RingGroupTarget g) {
      return ringGroups.exists(g.number());
    }
    return true;
  }

  /**
   * The stored no-answer destination of a ring group, or of an extension: its enabled Follow Me's, else its
   * no-answer forward.
   */
  Optional<Destination> noAnswerOf(Destination d) {
    if (d instanceof Destination.RingGroupTarget g) {
      return ringGroups.find(g.number()).map(r -> Destination.parse("noAnswer", r.noAnswer()));
    }
    if (d instanceof Destination.ExtensionTarget e) {
      Optional<Destination> follow =
          followMe.find(e.number()).filter(FollowMe::enabled).map(f -> Destination.parse("noAnswer", f.noAnswer()));
      return follow.isPresent() ? follow : Optional.ofNullable(forwardPlan(e.number()).noAnswer());
    }
    return Optional.empty();
  }

  /** Where an extension forwards every call, if it does. */
  Optional<Destination> forwardOf(Destination d) {
    if (d instanceof Destination.ExtensionTarget e) {
      return Optional.ofNullable(forwardPlan(e.number()).unconditional());
    }
    return Optional.empty();
  }

  /** An extension's call forwarding for the router. */
  ForwardPlan forwardPlan(String extension) {
    Forwarding f = forwards.find(extension).map(CallForward::forwarding).orElse(Forwarding.NONE);
    return new ForwardPlan(target(f.unconditional()), target(f.busy()), target(f.noAnswer()), f.doNotDisturb());
  }

  private static Destination target(String number) {
    return number == null ? null : new Destination.ExtensionTarget(number);
  }
}
