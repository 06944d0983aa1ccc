package org.convergepbx.queue;

import java.time.Duration;
import java.util.List;
import org.convergepbx.routing.Destination;

/**
 * A queue for one moment of a call: its settings and its members now.
 *
 * @param number the queue's number
 * @param settings its configuration
 * @param members static members in order, then logged-in agents, with their pause state
 */
public record QueueRun(String number, QueueSettings settings, List<Acd.Member> members) {
  public QueueRun {
    members = List.copyOf(members);
  }

  /** The distributor's view of the queue. */
  public Acd.Setup setup() {
    return new Acd.Setup(
        number, settings.strategy(), members, Duration.ofSeconds(settings.retry()),
        Duration.ofSeconds(settings.wrapUp()), settings.maxCallers(), settings.joinEmpty(), settings.ringInUse());
  }

  public Destination failover() {
    return Destination.parse("failover", settings.failover());
  }

  /** Where the exit key sends a caller, or null if the queue has none. */
  public Destination exitDestination() {
    return settings.exitDestination() == null ? null : Destination.parse("exitDestination", settings.exitDestination());
  }
}
