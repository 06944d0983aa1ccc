package org.convergepbx.followme;

import java.util.List;

/**
 * An extension's Follow Me as sent over HTTP, before validation.
 *
 * @param enabled whether calls to the extension follow it
 * @param initialRingTime seconds the extension rings alone first (0 to 60)
 * @param members the follow-me list: extension numbers
 * @param ringTime seconds the list rings, or each member for hunt (1 to 300)
 * @param strategy {@code ringall} (the extension keeps ringing with the list) or {@code hunt}
 * @param noAnswer where the call goes when nobody answers
 * @param confirmCalls whoever answers on the list must press 1 before the call is put through (null: false)
 */
public record FollowMeDraft(
    Boolean enabled,
    Integer initialRingTime,
    List<String> members,
    Integer ringTime,
    String strategy,
    String noAnswer,
    Boolean confirmCalls) {}
