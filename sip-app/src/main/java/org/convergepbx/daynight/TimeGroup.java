package org.convergepbx.daynight;

import java.time.Instant;
import java.time.ZoneId;
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

/** A named set of time rules in a time zone (FreePBX's Time Groups); "day" while any rule matches. */
@Entity
@Table(name = "time_group")
public class TimeGroup {
  @Id
  @Column(name = "name", length = 40)
  private String name;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "time_zone", nullable = false)
  private String timeZone;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "time_group_rule", joinColumns = @JoinColumn(name = "group_name"))
  @OrderColumn(name = "rule_order")
  @Column(name = "rule", nullable = false)
  private List<String> rules = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected TimeGroup() {}

  /**
   * Empties the ordered list so that its rows are deleted (by a flush) before the new ones are written: merging
   * a changed list straight onto its rows would insert an element at a position still taken.
   */
  void clearList() {
    rules.clear();
  }

  TimeGroup(String name) {
    this.name = name;
  }

  void configure(String description, ZoneId zone, List<TimeRule> valid, Instant at) {
    this.description = description == null ? "" : description.trim();
    this.timeZone = zone.getId();
    this.rules = new ArrayList<>(valid.stream().map(TimeRule::text).toList());
    this.updatedAt = at;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public String timeZone() {
    return timeZone;
  }

  public List<String> rules() {
    return List.copyOf(rules);
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The group's rules as a schedule (they were validated when stored). */
  public Schedule schedule() {
    List<TimeRule> parsed = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      parsed.add(TimeRule.parse("rules[" + i + "]", rules.get(i)));
    }
    return new Schedule(parsed, ZoneId.of(timeZone));
  }
}
