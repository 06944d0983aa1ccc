package org.convergepbx.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides where a call goes. Pure: it reads configuration and locations through the functions it is given and
 * never touches SIP. A call passes through at most {@link #MAX_HOPS} destinations (no-answer chains); past
 * that it is refused with 482, which cuts any loop the configuration might still hold.
 */
public final class CallRouter {
  /** Destinations a call may pass through before it is refused as a loop. */
  public static final int MAX_HOPS = 8;
  /** The FreePBX context of calls dialled to an extension. */
  public static final String EXTENSION_CONTEXT = "from-internal";
  /** The FreePBX context of ring groups. */
  public static final String RING_GROUP_CONTEXT = "ext-group";

  private final Predicate<String> extensionExists;
  private final Function<String, List<String>> contactsOf;
  private final Function<String, Optional<GroupPlan>> ringGroups;
  private final Duration extensionRingTime;

  /**
   * @param extensionExists whether a number is a provisioned extension
   * @param contactsOf the current contact URIs of an extension, preferred first
   * @param ringGroups the plan of a ring group for one call, if the number is a ring group
   * @param extensionRingTime how long an extension rings when dialled directly
   */
  public CallRouter(
      Predicate<String> extensionExists,
      Function<String, List<String>> contactsOf,
      Function<String, Optional<GroupPlan>> ringGroups,
      Duration extensionRingTime) {
    this.extensionExists = extensionExists;
    this.contactsOf = contactsOf;
    this.ringGroups = ringGroups;
    this.extensionRingTime = extensionRingTime;
  }

  /** The destination a dialled number names. */
  public Destination destinationOf(String dialled) {
    if (dialled != null && extensionExists.test(dialled)) {
      return new Destination.ExtensionTarget(dialled);
    }
    if (dialled != null && ringGroups.apply(dialled).isPresent()) {
      return new Destination.RingGroupTarget(dialled);
    }
    return new Destination.HangUp(404, "Not Found");
  }

  /** What to do with a new call to {@code dialled}. */
  public CallDecision route(String dialled) {
    return route(destinationOf(dialled), 0);
  }

  /** What to do with a call sent to {@code destination} after passing through {@code hops} others. */
  public CallDecision route(Destination destination, int hops) {
    if (hops > MAX_HOPS) {
      return new CallDecision.Reject(482, "Loop Detected");
    }
    if (destination instanceof Destination.HangUp h) {
      return new CallDecision.Reject(h.status(), h.reason());
    }
    if (destination instanceof Destination.ExtensionTarget e) {
      return extension(e.number(), hops);
    }
    return ringGroup(((Destination.RingGroupTarget) destination).number(), hops);
  }

  private CallDecision extension(String number, int hops) {
    if (!extensionExists.test(number)) {
      return new CallDecision.Reject(404, "Not Found");
    }
    List<String> contacts = contactsOf.apply(number);
    if (contacts.isEmpty()) {
      return new CallDecision.Reject(480, "Temporarily Unavailable");
    }
    CallDecision.RingStep step =
        new CallDecision.RingStep(List.of(new CallDecision.RingTarget(number, contacts)), extensionRingTime);
    return new CallDecision.Ring(
        number, "Dial", "SIP/" + number + "," + extensionRingTime.toSeconds(), EXTENSION_CONTEXT, "", null,
        List.of(step), null, hops);
  }

  private CallDecision ringGroup(String number, int hops) {
    Optional<GroupPlan> found = ringGroups.apply(number);
    if (found.isEmpty()) {
      return new CallDecision.Reject(404, "Not Found");
    }
    GroupPlan plan = found.get();
    List<CallDecision.RingStep> steps = new ArrayList<>();
    for (List<String> members : plan.memberSteps()) {
      List<CallDecision.RingTarget> targets = new ArrayList<>();
      for (String member : members) {
        List<String> contacts = extensionExists.test(member) ? contactsOf.apply(member) : List.of();
        if (!contacts.isEmpty()) {
          targets.add(new CallDecision.RingTarget(member, contacts));
        }
      }
      if (!targets.isEmpty()) {
        steps.add(new CallDecision.RingStep(targets, plan.stepRingTime()));
      }
    }
    if (steps.isEmpty()) {
      return route(plan.ifNoAnswer(), hops + 1);
    }
    String data = number + "," + plan.strategy() + "," + plan.stepRingTime().toSeconds();
    return new CallDecision.Ring(
        number, "RingGroup", data, RING_GROUP_CONTEXT, plan.callerNamePrefix(), number, steps,
        plan.ifNoAnswer(), hops);
  }
}
