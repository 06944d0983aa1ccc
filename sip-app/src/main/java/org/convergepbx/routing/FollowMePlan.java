package org.convergepbx.routing;

import java.time.Duration;
import java.util.List;

/**
 * An extension's enabled Follow Me, as the router needs it.
 *
 * @param extension the extension being called
 * @param initialRingTime how long the extension rings alone first (zero: not at all)
 * @param members the follow-me list (extension numbers), in order
 * @param ringTime how long the list rings (ringall), or each member (hunt)
 * @param hunt true: members one at a time; false: all together, the extension still ringing (ringall)
 * @param ifNoAnswer where the call goes when nobody answers
 * @param confirmCalls list members other than the extension must accept the call by pressing 1
 */
public record FollowMePlan(
    String extension,
    Duration initialRingTime,
    List<String> members,
    Duration ringTime,
    boolean hunt,
    Destination ifNoAnswer,
    boolean confirmCalls) {
  public FollowMePlan {
    members = List.copyOf(members);
  }
}
