package org.convergepbx.routing;

import java.time.Duration;
import java.util.List;

/**
 * What the router needs of a ring group for one call: its members already arranged in steps by the group's
 * strategy (so the order of hunting, least-recent or random, is decided for this call).
 *
 * @param number the group's number
 * @param strategy the strategy's name, for the call record
 * @param memberSteps members ringing together, step by step
 * @param stepRingTime how long each step rings
 * @param callerNamePrefix put before the caller's name ("" for none)
 * @param ifNoAnswer where the call goes when nobody answers
 */
public record GroupPlan(
    String number,
    String strategy,
    List<List<String>> memberSteps,
    Duration stepRingTime,
    String callerNamePrefix,
    Destination ifNoAnswer) {}
