package org.convergepbx.routing;

import java.time.Duration;
import java.util.List;
import org.convergepbx.security.CallLimit;

/** What the SIP layer must do with a call. */
public sealed interface CallDecision {
  /**
   * Ring the steps one after another on the caller's leg; when none of them is answered, go on to
   * {@code ifNoAnswer} (null: the caller gets the best failure, or 480 when the ring time ran out).
   *
   * @param target the number being rung (extension or ring group)
   * @param app the CDR's {@code lastapp} for this part of the call ({@code Dial}, {@code RingGroup})
   * @param appData the CDR's {@code lastdata}
   * @param context the CDR's {@code dcontext}
   * @param callerNamePrefix put before the caller's display name on the legs ("" for none)
   * @param ringGroup the ring group being rung, or null
   * @param steps at least one step; each has at least one target
   * @param ifNoAnswer where the call goes when no step is answered, or null
   * @param ifBusy where the call goes when the last step's members were busy, or null (the caller gets busy)
   * @param hops how many destinations the call has passed through before this one
   */
  record Ring(
      String target,
      String app,
      String appData,
      String context,
      String callerNamePrefix,
      String ringGroup,
      List<RingStep> steps,
      Destination ifNoAnswer,
      Destination ifBusy,
      int hops)
      implements CallDecision {
    public Ring {
      steps = List.copyOf(steps);
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("a call rings at least one step");
      }
    }
  }

  /** The server answers and records a message for the extension's voicemail box. */
  record Voicemail(String extension, int hops) implements CallDecision {}

  /** The server answers and the caller chooses in an IVR menu. */
  record Menu(String ivr, int hops) implements CallDecision {}

  /** The server answers and the caller waits in a call queue until a member answers. */
  record Queue(String queue, int hops) implements CallDecision {}

  /**
   * Send the call out on trunks, one after another: the next trunk is tried when one fails with 408, a 5xx or no
   * answer from the peer at all; any other refusal (486, 404, 480, 603, ...) ends the call with it.
   *
   * @param route the outbound route chosen
   * @param number the number sent to the trunks (after the route's prefix and prepend)
   */
  record Trunks(String route, String number, List<OutboundPlan.TrunkAttempt> attempts, int hops, CallLimit limit)
      implements CallDecision {
    public Trunks {
      attempts = List.copyOf(attempts);
      if (attempts.isEmpty()) {
        throw new IllegalArgumentException("a route has at least one trunk");
      }
    }

    /** A route without call limits. */
    public Trunks(String route, String number, List<OutboundPlan.TrunkAttempt> attempts, int hops) {
      this(route, number, attempts, hops, CallLimit.none("route:" + route));
    }
  }

  /** Answer the caller with this final status. */
  record Reject(int status, String reason) implements CallDecision {}

  /** Members rung together for {@code ringTime}. */
  record RingStep(List<RingTarget> targets, Duration ringTime) {
    public RingStep {
      targets = List.copyOf(targets);
    }
  }

  /**
   * One member of a step (an extension) and its registered contacts, preferred first.
   *
   * @param confirm whoever answers must accept the call (press 1) before it is put through
   */
  record RingTarget(String member, List<String> contacts, boolean confirm) {
    public RingTarget {
      contacts = List.copyOf(contacts);
    }

    /** A member whose answer connects the call at once. */
    public RingTarget(String member, List<String> contacts) {
      this(member, contacts, false);
    }
  }
}
