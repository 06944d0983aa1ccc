package org.convergepbx.queue;

import java.util.List;

/**
 * A queue as sent over HTTP, before validation. Absent optional fields take FreePBX's defaults.
 *
 * @param number the queue's number, if given (must be the one in the path)
 * @param name what the queue is for (required)
 * @param strategy one of {@link QueueStrategy#names()} (default ringall)
 * @param members static member extensions, in order (may be empty: agents log in)
 * @param memberTimeout seconds a member rings before the next try (default 15)
 * @param retry seconds to pause after a try nobody answered (default 5)
 * @param wrapUp seconds a member rests after a queue call before the next one (default 0)
 * @param maxWait seconds a caller may wait before going to the failover destination (0: no limit; default 0)
 * @param maxCallers callers allowed to wait at once (0: no limit; default 0)
 * @param joinEmpty whether callers may join a queue with no available member (default true)
 * @param leaveWhenEmpty whether waiting callers leave when no member is available (default false)
 * @param ringInUse whether members already on a call are rung (default false)
 * @param music the system recording played while waiting, or null for the built-in music
 * @param announceFrequency seconds between position / hold-time announcements (0: none; default 30)
 * @param announcePosition whether announcements say the caller's position (default true)
 * @param announceHoldTime whether announcements say the estimated hold time (default true)
 * @param exitKey the key (0-9, *, #) a caller presses to leave, or null
 * @param exitDestination where a caller who pressed the exit key goes (required with exitKey)
 * @param failover where callers go on maximum wait, a full or empty queue (default hangup)
 * @param serviceLevel seconds within which an answer counts for the service level (default 60)
 */
public record QueueDraft(
    String number,
    String name,
    String strategy,
    List<String> members,
    Integer memberTimeout,
    Integer retry,
    Integer wrapUp,
    Integer maxWait,
    Integer maxCallers,
    Boolean joinEmpty,
    Boolean leaveWhenEmpty,
    Boolean ringInUse,
    String music,
    Integer announceFrequency,
    Boolean announcePosition,
    Boolean announceHoldTime,
    String exitKey,
    String exitDestination,
    String failover,
    Integer serviceLevel) {}
