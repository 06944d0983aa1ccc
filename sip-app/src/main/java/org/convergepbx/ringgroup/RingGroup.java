package org.convergepbx.ringgroup;

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
 * A ring group: a number that rings its member extensions by a strategy, and sends the call on to another
 * destination when none of them answers. Invariant (kept by {@link RingGroupService}): the members are
 * existing extensions without repeats, and following the no-answer destinations from this group never comes
 * back to it.
 */
@Entity
@Table(name = "ring_group")
public class RingGroup {
  @Id
  @Column(name = "number", length = 32)
  private String number;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "strategy", nullable = false)
  private String strategy;

  @Column(name = "ring_time", nullable = false)
  private int ringTime;

  @Column(name = "cid_prefix", nullable = false)
  private String callerIdPrefix;

  @Column(name = "no_answer", nullable = false)
  private String noAnswer;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "ring_group_member", joinColumns = @JoinColumn(name = "group_number"))
  @OrderColumn(name = "member_order")
  @Column(name = "extension", nullable = false)
  private List<String> members = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected RingGroup() {}

  /**
   * Empties the ordered list so that its rows are deleted (by a flush) before the new ones are written: merging
   * a changed list straight onto its rows would insert an element at a position still taken.
   */
  void clearList() {
    members.clear();
  }

  RingGroup(String number) {
    this.number = number;
  }

  void configure(RingGroupDraft valid, Instant at) {
    description = valid.description() == null ? "" : valid.description().trim();
    strategy = RingStrategy.named(valid.strategy()).label();
    ringTime = valid.ringTime();
    callerIdPrefix = valid.callerIdPrefix() == null ? "" : valid.callerIdPrefix();
    noAnswer = valid.noAnswer().trim().toLowerCase(java.util.Locale.ROOT);
    members = new ArrayList<>(valid.members());
    updatedAt = at;
  }

  public String number() {
    return number;
  }

  public String description() {
    return description;
  }

  public RingStrategy strategy() {
    return RingStrategy.named(strategy);
  }

  /** Seconds each step rings (the whole group for ringall). */
  public int ringTime() {
    return ringTime;
  }

  public String callerIdPrefix() {
    return callerIdPrefix;
  }

  /** The no-answer destination in its text form ({@code extension:1001}, {@code hangup}, ...). */
  public String noAnswer() {
    return noAnswer;
  }

  public List<String> members() {
    return List.copyOf(members);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
