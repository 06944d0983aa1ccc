package org.convergepbx.followme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * An extension's Follow Me (FreePBX's "Find Me / Follow Me"): when enabled, a call to the extension rings it
 * alone for the initial ring time, then the follow-me list, then goes to the no-answer destination.
 * Invariant (kept by {@link FollowMeService}): list members are extensions, without repeats.
 */
@Entity
@Table(name = "follow_me")
public class FollowMe {
  @Id
  @Column(name = "extension", length = 32)
  private String extension;

  @Column(name = "enabled", nullable = false)
  private boolean enabled;

  @Column(name = "initial_ring_time", nullable = false)
  private int initialRingTime;

  @Column(name = "ring_time", nullable = false)
  private int ringTime;

  @Column(name = "strategy", nullable = false)
  private String strategy;

  @Column(name = "no_answer", nullable = false)
  private String noAnswer;

  @Column(name = "confirm_calls", nullable = false)
  private boolean confirmCalls;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "follow_me_number", joinColumns = @JoinColumn(name = "extension"))
  @OrderColumn(name = "member_order")
  @Column(name = "number", nullable = false)
  private List<String> members = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected FollowMe() {}

  /**
   * Empties the ordered list so that its rows are deleted (by a flush) before the new ones are written: merging
   * a changed list straight onto its rows would insert an element at a position still taken.
   */
  void clearList() {
    members.clear();
  }

  FollowMe(String extension) {
    this.extension = extension;
  }

  void configure(FollowMeDraft valid, Instant at) {
    enabled = valid.enabled();
    initialRingTime = valid.initialRingTime();
    ringTime = valid.ringTime();
    strategy = valid.strategy().toLowerCase(Locale.ROOT);
    noAnswer = valid.noAnswer().trim().toLowerCase(Locale.ROOT);
    members = new ArrayList<>(valid.members());
    confirmCalls = Boolean.TRUE.equals(valid.confirmCalls());
    updatedAt = at;
  }

  public String extension() {
    return extension;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Seconds the extension rings alone before the list (0: the list at once). */
  public int initialRingTime() {
    return initialRingTime;
  }

  /** Seconds the list rings (ringall) or each member rings (hunt). */
  public int ringTime() {
    return ringTime;
  }

  /** {@code ringall} or {@code hunt}. */
  public String strategy() {
    return strategy;
  }

  public String noAnswer() {
    return noAnswer;
  }

  /** Whoever answers on the list (not the extension itself) must press 1 before the call is put through. */
  public boolean confirmCalls() {
    return confirmCalls;
  }

  public List<String> members() {
    return List.copyOf(members);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
