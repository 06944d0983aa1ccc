package org.convergepbx.routing;

import java.util.List;
import java.util.Optional;

/** The configuration and locations the {@link CallRouter} decides from, read through each feature's service. */
public interface DialPlan {
  boolean extensionExists(String number);

  /** The extension's current contact URIs, preferred first. */
  List<String> contactsOf(String extension);

  /** The plan of a ring group for one call, if the number is a ring group. */
  Optional<GroupPlan> ringGroup(String number);

  /** Whether the number is an IVR's. */
  boolean ivrExists(String number);

  /**
   * What the outbound routes make of {@code dialled} from {@code caller} (an extension, or a trunk's caller,
   * who may use only routes open to everyone), if any route matches.
   */
  Optional<OutboundPlan> outbound(String caller, String dialled);

  /** Where a call arriving on a trunk for {@code did} from {@code caller} goes, if an inbound route says so. */
  Optional<Destination> inbound(String did, String caller);

  /** Whether the number is a call queue's. */
  boolean queueExists(String number);

  /** The extension's enabled Follow Me, if it has one. */
  Optional<FollowMePlan> followMe(String extension);

  /** The extension's call forwarding and do-not-disturb ({@link ForwardPlan#NONE} if none). */
  ForwardPlan forwarding(String extension);

  /** Where a Day/Night control sends calls in its current mode, if the control exists. */
  Optional<Destination> dayNight(int index);

  /** Where calls from a blacklisted caller go instead, if the caller is blacklisted. */
  Optional<Destination> blacklisted(String caller);
}
