package org.convergepbx.queue;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An extension's state in one queue beyond the configuration: logged in as a dynamic agent, and/or paused (a
 * static member can be paused too). A row with neither is deleted.
 */
@Entity
@Table(name = "queue_agent")
public class QueueAgent {
  @Id
  @Column(name = "id", length = 80)
  private String id;

  @Column(name = "queue_number", nullable = false)
  private String queue;

  @Column(name = "extension", nullable = false)
  private String extension;

  @Column(name = "logged_in", nullable = false)
  private boolean loggedIn;

  @Column(name = "paused", nullable = false)
  private boolean paused;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected QueueAgent() {}

  QueueAgent(String queue, String extension) {
    this.id = idOf(queue, extension);
    this.queue = queue;
    this.extension = extension;
  }

  static String idOf(String queue, String extension) {
    return queue + "/" + extension;
  }

  String id() {
    return id;
  }

  public String queue() {
    return queue;
  }

  public String extension() {
    return extension;
  }

  public boolean loggedIn() {
    return loggedIn;
  }

  public boolean paused() {
    return paused;
  }

  void loggedIn(boolean now, Instant at) {
    loggedIn = now;
    updatedAt = at;
  }

  void paused(boolean now, Instant at) {
    paused = now;
    updatedAt = at;
  }

  /** True when the row says nothing any more. */
  boolean empty() {
    return !loggedIn && !paused;
  }
}
