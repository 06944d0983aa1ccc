package org.convergepbx.ringgroup;

import java.util.List;

/**
 * A ring group as sent over HTTP, before validation.
 *
 * @param number the group's number (from the path)
 * @param description free text
 * @param strategy ringall, hunt, memoryhunt, leastrecent or random
 * @param ringTime seconds per step (the whole group for ringall)
 * @param members extension numbers, in hunting order
 * @param callerIdPrefix put before the caller's name on the members' phones
 * @param noAnswer where the call goes when nobody answers
 */
public record RingGroupDraft(
    String number,
    String description,
    String strategy,
    Integer ringTime,
    List<String> members,
    String callerIdPrefix,
    String noAnswer) {}
