package org.convergepbx.queue;

import java.util.List;
import java.util.Optional;

/** Stored queues and their agents' state. */
public interface QueueRepository {
  Optional<CallQueue> find(String number);

  List<CallQueue> findAll();

  boolean exists(String number);

  void save(CallQueue queue);

  /** Deletes the queue and its agents' state; false if there was none. */
  boolean delete(String number);

  /** The agents' state rows of a queue. */
  List<QueueAgent> agents(String queue);

  /** The agents' state rows of an extension, in every queue. */
  List<QueueAgent> agentsOf(String extension);

  Optional<QueueAgent> agent(String queue, String extension);

  /** Stores the row, or deletes it if it says nothing any more ({@link QueueAgent#empty()}). */
  void saveAgent(QueueAgent agent);
}
