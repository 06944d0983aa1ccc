package org.convergepbx.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  /** The FreePBX context of Follow Me. */
  public static final String FOLLOW_ME_CONTEXT = "ext-findmefollow";

  private final DialPlan dialPlan;
  private final Duration extensionRingTime;

  /**
   * @param dialPlan the configuration and locations to decide from
   * @param extensionRingTime how long an extension rings when dialled directly
   */
  public CallRouter(DialPlan dialPlan, Duration extensionRingTime) {
    this.dialPlan = dialPlan;
    this.extensionRingTime = extensionRingTime;
  }

  /**
   * What to do with a new call from {@code caller} to {@code dialled}: a blacklisted caller's call goes to the
   * blacklist's destination (603 Decline by default) whatever was dialled.
   */
  public CallDecision route(String caller, String dialled) {
    Optional<Destination> refused = caller == null ? Optional.empty() : dialPlan.blacklisted(caller);
    if (refused.isPresent()) {
      return route(refused.get(), 0);
    }
    if (dialled == null) {
      return new CallDecision.Reject(404, "Not Found");
    }
    // a dialled number is an extension's, an IVR's, a queue's or a ring group's (one dial plan)
    if (dialPlan.extensionExists(dialled)) {
      return knownExtension(dialled, 0);
    }
    if (dialPlan.ivrExists(dialled)) {
      return new CallDecision.Menu(dialled, 0);
    }
    if (dialPlan.queueExists(dialled)) {
      return new CallDecision.Queue(dialled, 0);
    }
    Optional<GroupPlan> group = dialPlan.ringGroup(dialled);
    return group.isPresent() ? ringGroup(group.get(), 0) : outbound(caller, dialled);
  }

  /**
   * A call that arrived on a trunk for {@code did}: its inbound route's destination, or else {@code did} routed
   * like a number dialled inside (an extension, ..., or out again on another trunk: the routing hub), with the
   * routes open to everyone.
   */
  public CallDecision inbound(String caller, String did) {
    Optional<Destination> routed = dialPlan.inbound(did, caller);
    if (routed.isPresent()) {
      return route(routed.get(), 0);
    }
    return route(caller, did);
  }

  /** A number that is nothing inside: out on the first outbound route that matches, or 404. */
  private CallDecision outbound(String caller, String dialled) {
    Optional<OutboundPlan> plan = dialPlan.outbound(caller, dialled);
    if (plan.isEmpty()) {
      return new CallDecision.Reject(404, "Not Found");
    }
    if (plan.get() instanceof OutboundPlan.Forbidden f) {
      return new CallDecision.Reject(403, f.why());
    }
    OutboundPlan.Routed routed = (OutboundPlan.Routed) plan.get();
    if (routed.attempts().isEmpty()) {
      return new CallDecision.Reject(503, "Service Unavailable");
    }
    return new CallDecision.Trunks(routed.route(), routed.number(), routed.attempts(), 0, routed.limit());
  }

  /** What to do with a call sent to {@code destination} after passing through {@code hops} others. */
  public CallDecision route(Destination destination, int hops) {
    if (hops >= MAX_HOPS) {
      return new CallDecision.Reject(482, "Loop Detected");
    }
    if (destination instanceof Destination.HangUp h) {
      return new CallDecision.Reject(h.status(), h.reason());
    }
    if (destination instanceof Destination.ExtensionTarget e) {
      return extension(e.number(), hops);
    }
    if (destination instanceof Destination.VoicemailTarget v) {
      return dialPlan.extensionExists(v.extension())
          ? new CallDecision.Voicemail(v.extension(), hops)
          : new CallDecision.Reject(404, "Not Found");
    }
    if (destination instanceof Destination.IvrTarget i) {
      return dialPlan.ivrExists(i.number())
          ? new CallDecision.Menu(i.number(), hops)
          : new CallDecision.Reject(404, "Not Found");
    }
    if (destination instanceof Destination.QueueTarget q) {
      return dialPlan.queueExists(q.number())
          ? new CallDecision.Queue(q.number(), hops)
          : new CallDecision.Reject(404, "Not Found");
    }
    if (destination instanceof Destination.DayNightTarget d) {
      return dialPlan
          .dayNight(d.index())
          .map(current -> route(current, hops + 1))
          .orElse(new CallDecision.Reject(404, "Not Found"));
    }
    return ringGroup(((Destination.RingGroupTarget) destination).number(), hops);
  }

  /**
   * An extension: do-not-disturb answers busy; an unconditional forward sends the call on; otherwise the
   * extension rings (through its Follow Me if enabled), going to the busy or no-answer forward if it has one. An
   * extension with no registration counts as not answering.
   */
  private CallDecision extension(String number, int hops) {
    if (!dialPlan.extensionExists(number)) {
      return new CallDecision.Reject(404, "Not Found");
    }
    return knownExtension(number, hops);
  }

  /** {@link #extension} for a number known to be an extension. */
  private CallDecision knownExtension(String number, int hops) {
    ForwardPlan forward = dialPlan.forwarding(number);
    if (forward.doNotDisturb()) {
      return new CallDecision.Reject(486, "Busy Here");
    }
    if (forward.unconditional() != null) {
      return route(forward.unconditional(), hops + 1);
    }
    Optional<FollowMePlan> follow = dialPlan.followMe(number);
    if (follow.isPresent()) {
      return followMe(follow.get(), forward.busy(), hops);
    }
    List<String> contacts = dialPlan.contactsOf(number);
    if (contacts.isEmpty()) {
      return forward.noAnswer() == null
          ? new CallDecision.Reject(480, "Temporarily Unavailable")
          : route(forward.noAnswer(), hops + 1);
    }
    CallDecision.RingStep step =
        new CallDecision.RingStep(List.of(new CallDecision.RingTarget(number, contacts)), extensionRingTime);
    return new CallDecision.Ring(
        number, "Dial", "SIP/" + number + "," + extensionRingTime.toSeconds(), EXTENSION_CONTEXT, "", null,
        List.of(step), forward.noAnswer(), forward.busy(), hops);
  }

  /**
   * Follow Me: the extension alone for the initial ring time, then the list (ringall: together with the
   * extension; hunt: one member at a time), then the no-answer destination.
   */
  private CallDecision followMe(FollowMePlan plan, Destination ifBusy, int hops) {
    List<List<String>> memberSteps = new ArrayList<>();
    List<Duration> times = new ArrayList<>();
    if (!plan.initialRingTime().isZero()) {
      memberSteps.add(List.of(plan.extension()));
      times.add(plan.initialRingTime());
    }
    if (plan.hunt()) {
      for (String m : plan.members()) {
        memberSteps.add(List.of(m));
        times.add(plan.ringTime());
      }
    } else {
      List<String> all = new ArrayList<>(List.of(plan.extension()));
      plan.members().stream().filter(m -> !all.contains(m)).forEach(all::add);
      memberSteps.add(all);
      times.add(plan.ringTime());
    }
    List<CallDecision.RingStep> steps = new ArrayList<>();
    Set<String> confirming = new HashSet<>();
    if (plan.confirmCalls()) {
      plan.members().stream().filter(m -> !m.equals(plan.extension())).forEach(confirming::add);
    }
    for (int i = 0; i < memberSteps.size(); i++) {
      reachable(memberSteps.get(i), times.get(i), confirming).ifPresent(steps::add);
    }
    if (steps.isEmpty()) {
      return route(plan.ifNoAnswer(), hops + 1);
    }
    String data = plan.extension() + "," + (plan.hunt() ? "hunt" : "ringall") + "," + plan.ringTime().toSeconds();
    return new CallDecision.Ring(
        plan.extension(), "FollowMe", data, FOLLOW_ME_CONTEXT, "", null, steps, plan.ifNoAnswer(), ifBusy, hops);
  }

  /** The step of these members that have a registration, if any has. */
  private Optional<CallDecision.RingStep> reachable(List<String> members, Duration ringTime) {
    return reachable(members, ringTime, Set.of());
  }

  /** The step of these members that have a registration, if any has; {@code confirming} must accept the call. */
  private Optional<CallDecision.RingStep> reachable(List<String> members, Duration ringTime, Set<String> confirming) {
    List<CallDecision.RingTarget> targets = new ArrayList<>();
    for (String member : members) {
      List<String> contacts = dialPlan.extensionExists(member) ? dialPlan.contactsOf(member) : List.of();
      if (!contacts.isEmpty()) {
        targets.add(new CallDecision.RingTarget(member, contacts, confirming.contains(member)));
      }
    }
    return targets.isEmpty() ? Optional.empty() : Optional.of(new CallDecision.RingStep(targets, ringTime));
  }

  private CallDecision ringGroup(String number, int hops) {
    Optional<GroupPlan> found = dialPlan.ringGroup(number);
    return found.isEmpty() ? new CallDecision.Reject(404, "Not Found") : ringGroup(found.get(), hops);
  }

  private CallDecision ringGroup(GroupPlan plan, int hops) {
    String number = plan.number();
    List<CallDecision.RingStep> steps = new ArrayList<>();
    for (List<String> members : plan.memberSteps()) {
      reachable(members, plan.stepRingTime()).ifPresent(steps::add);
    }
    if (steps.isEmpty()) {
      return route(plan.ifNoAnswer(), hops + 1);
    }
    String data = number + "," + plan.strategy() + "," + plan.stepRingTime().toSeconds();
    return new CallDecision.Ring(
        number, "RingGroup", data, RING_GROUP_CONTEXT, plan.callerNamePrefix(), number, steps,
        plan.ifNoAnswer(), plan.ifNoAnswer(), hops);
  }
}
