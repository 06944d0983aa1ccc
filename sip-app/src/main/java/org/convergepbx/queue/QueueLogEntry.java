package org.convergepbx.queue;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * One event of the queue log. {@code callId} is the call record's uniqueid (or {@code NONE} for agent events,
 * as in Asterisk); wait and talk times are whole seconds where the event has them.
 */
@Entity
@Table(name = "queue_log")
public class QueueLogEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "event_time", nullable = false)
  private Instant time;

  @Column(name = "call_id", nullable = false)
  private String callId;

  @Column(name = "queue_number", nullable = false)
  private String queue;

  @Column(name = "agent")
  private String agent;

  @Enumerated(EnumType.STRING)
  @Column(name = "event", nullable = false)
  private QueueEvent event;

  @Column(name = "position")
  private Integer position;

  @Column(name = "wait_seconds")
  private Integer waitSeconds;

  @Column(name = "talk_seconds")
  private Integer talkSeconds;

  @Column(name = "data")
  private String data;

  protected QueueLogEntry() {}

  /** An event; the optional fields are set with the {@code with...} methods before it is stored. */
  public QueueLogEntry(Instant time, String callId, String queue, String agent, QueueEvent event) {
    this.time = time;
    this.callId = callId;
    this.queue = queue;
    this.agent = agent;
    this.event = event;
  }

  public QueueLogEntry withPosition(int p) {
    position = p;
    return this;
  }

  public QueueLogEntry withWait(long seconds) {
    waitSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
    return this;
  }

  public QueueLogEntry withTalk(long seconds) {
    talkSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
    return this;
  }

  public QueueLogEntry withData(String text) {
    data = text == null || text.length() <= 64 ? text : text.substring(0, 64);
    return this;
  }

  public Long id() {
    return id;
  }

  public Instant time() {
    return time;
  }

  public String callId() {
    return callId;
  }

  public String queue() {
    return queue;
  }

  public String agent() {
    return agent;
  }

  public QueueEvent event() {
    return event;
  }

  public Integer position() {
    return position;
  }

  public Integer waitSeconds() {
    return waitSeconds;
  }

  public Integer talkSeconds() {
    return talkSeconds;
  }

  public String data() {
    return data;
  }
}
