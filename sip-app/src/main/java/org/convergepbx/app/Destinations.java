package org.convergepbx.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.convergepbx.daynight.DayNightRepository;
import org.convergepbx.extension.ExtensionRepository;
import org.convergepbx.ivr.IvrRepository;
import org.convergepbx.queue.QueueRepository;
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
  private final DayNightRepository dayNight;
  private final IvrRepository ivrs;
  private final QueueRepository queues;

  Destinations(
      ExtensionRepository extensions,
      RingGroupRepository ringGroups,
      FollowMeRepository followMe,
      CallForwardRepository forwards,
      DayNightRepository dayNight,
      IvrRepository ivrs,
      QueueRepository queues) {
    this.ivrs = ivrs;
    this.queues = queues;
    this.extensions = extensions;
    this.ringGroups = ringGroups;
    this.followMe = followMe;
    this.forwards = forwards;
    this.dayNight = dayNight;
  }

  boolean exists(Destination d) {
    if (d instanceof Destination.ExtensionTarget e) {
      return extensions.exists(e.number());
    }
    if (d instanceof Destination.RingGroupTarget g) {
      return ringGroups.exists(g.number());
    }
    if (d instanceof Destination.DayNightTarget n) {
      return dayNight.find(n.index()).isPresent();
    }
    if (d instanceof Destination.VoicemailTarget v) {
      return extensions.exists(v.extension());
    }
    if (d instanceof Destination.IvrTarget i) {
      return ivrs.exists(i.number());
    }
    if (d instanceof Destination.QueueTarget q) {
      return queues.exists(q.number());
    }
    return true;
  }

  /**
   * Where a destination, as stored, can send a call on: a ring group's no-answer destination; an extension's
   * enabled Follow Me destination and its forwards; both destinations of a Day/Night control; a queue's failover
   * destination (reached at once when the queue is full or empty). An IVR sends a
   * call nowhere by itself (it waits for the caller), so loops through menus are the caller's choice; its
   * timeout and invalid destinations are cut at call time by the hop limit.
   */
  List<Destination> onwards(Destination d) {
    List<Destination> next = new ArrayList<>();
    if (d instanceof Destination.RingGroupTarget g) {
      ringGroups.find(g.number()).ifPresent(r -> next.add(Destination.parse("noAnswer", r.noAnswer())));
    } else if (d instanceof Destination.ExtensionTarget e) {
      followMe
          .find(e.number())
          .filter(FollowMe::enabled)
          .ifPresent(f -> next.add(Destination.parse("noAnswer", f.noAnswer())));
      ForwardPlan forward = forwardPlan(e.number());
      Stream.of(forward.unconditional(), forward.busy(), forward.noAnswer()).filter(Objects::nonNull).forEach(next::add);
    } else if (d instanceof Destination.QueueTarget q) {
      queues.find(q.number()).ifPresent(c -> next.add(Destination.parse("failover", c.settings().failover())));
    } else if (d instanceof Destination.DayNightTarget n) {
      dayNight.find(n.index()).ifPresent(c -> {
        next.add(Destination.parse("dayDestination", c.dayDestination()));
        next.add(Destination.parse("nightDestination", c.nightDestination()));
      });
    }
    return next;
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
