package org.convergepbx.queue;

import java.util.List;

/**
 * A queue's validated configuration, every field set (see {@link QueueDraft} for the meaning of each).
 * Destinations are in their text form; {@code music}, {@code exitKey} and {@code exitDestination} may be null.
 */
public record QueueSettings(
    String name,
    QueueStrategy strategy,
    List<String> members,
    int memberTimeout,
    int retry,
    int wrapUp,
    int maxWait,
    int maxCallers,
    boolean joinEmpty,
    boolean leaveWhenEmpty,
    boolean ringInUse,
    String music,
    int announceFrequency,
    boolean announcePosition,
    boolean announceHoldTime,
    String exitKey,
    String exitDestination,
    String failover,
    int serviceLevel) {
  public QueueSettings {
    members = List.copyOf(members);
  }
}
