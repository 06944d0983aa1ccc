package org.convergepbx.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.OrderColumn;
import javax.persistence.Table;

/**
 * A call queue's configuration. Invariant (kept by {@link QueueService}): static members are existing
 * extensions without repeats, every destination exists, the music is an existing recording or null, and the
 * exit destination is set exactly when the exit key is.
 */
@Entity
@Table(name = "call_queue")
public class CallQueue {
  @Id
  @Column(name = "number", length = 32)
  private String number;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "strategy", nullable = false)
  private String strategy;

  @Column(name = "member_timeout", nullable = false)
  private int memberTimeout;

  @Column(name = "retry_seconds", nullable = false)
  private int retry;

  @Column(name = "wrapup_seconds", nullable = false)
  private int wrapUp;

  @Column(name = "max_wait_seconds", nullable = false)
  private int maxWait;

  @Column(name = "max_callers", nullable = false)
  private int maxCallers;

  @Column(name = "join_empty", nullable = false)
  private boolean joinEmpty;

  @Column(name = "leave_when_empty", nullable = false)
  private boolean leaveWhenEmpty;

  @Column(name = "ring_in_use", nullable = false)
  private boolean ringInUse;

  @Column(name = "music")
  private String music;

  @Column(name = "announce_frequency", nullable = false)
  private int announceFrequency;

  @Column(name = "announce_position", nullable = false)
  private boolean announcePosition;

  @Column(name = "announce_hold_time", nullable = false)
  private boolean announceHoldTime;

  @Column(name = "exit_key")
  private String exitKey;

  @Column(name = "exit_destination")
  private String exitDestination;

  @Column(name = "failover_destination", nullable = false)
  private String failover;

  @Column(name = "service_level", nullable = false)
  private int serviceLevel;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "call_queue_member", joinColumns = @JoinColumn(name = "queue_number"))
  @OrderColumn(name = "member_order")
  @Column(name = "extension", nullable = false)
  private List<String> members = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected CallQueue() {}

  CallQueue(String number) {
    this.number = number;
  }

  /** Empties the ordered list so that its rows are deleted before the new ones are written. */
  void clearList() {
    members.clear();
  }

  /** Takes a validated configuration ({@link QueueService} has filled in the defaults). */
  void configure(QueueSettings s, Instant at) {
    name = s.name();
    strategy = s.strategy().label();
    members = new ArrayList<>(s.members());
    memberTimeout = s.memberTimeout();
    retry = s.retry();
    wrapUp = s.wrapUp();
    maxWait = s.maxWait();
    maxCallers = s.maxCallers();
    joinEmpty = s.joinEmpty();
    leaveWhenEmpty = s.leaveWhenEmpty();
    ringInUse = s.ringInUse();
    music = s.music();
    announceFrequency = s.announceFrequency();
    announcePosition = s.announcePosition();
    announceHoldTime = s.announceHoldTime();
    exitKey = s.exitKey();
    exitDestination = s.exitDestination();
    failover = s.failover();
    serviceLevel = s.serviceLevel();
    updatedAt = at;
  }

  public String number() {
    return number;
  }

  /** The configuration as one value. */
  public QueueSettings settings() {
    return new QueueSettings(
        name, QueueStrategy.named(strategy), List.copyOf(members), memberTimeout, retry, wrapUp, maxWait,
        maxCallers, joinEmpty, leaveWhenEmpty, ringInUse, music, announceFrequency, announcePosition,
        announceHoldTime, exitKey, exitDestination, failover, serviceLevel);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
