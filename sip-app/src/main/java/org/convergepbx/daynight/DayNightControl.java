package org.convergepbx.daynight;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A Day/Night control (FreePBX's Call Flow Control): calls sent to it go to its day or its night destination
 * by its current mode. The mode is toggled by {@code *28n} from a phone (with the PIN if it has one), set over
 * HTTP, or follows a time group; a manual setting lasts until the schedule's next change.
 */
@Entity
@Table(name = "day_night")
public class DayNightControl {
  @Id
  @Column(name = "idx")
  private int controlIndex;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "day_destination", nullable = false)
  private String dayDestination;

  @Column(name = "night_destination", nullable = false)
  private String nightDestination;

  @Column(name = "pin_hash")
  private String pinHash;

  @Column(name = "time_group")
  private String timeGroup;

  @Column(name = "manual_mode")
  private String manualMode;

  @Column(name = "manual_until")
  private Instant manualUntil;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected DayNightControl() {}

  DayNightControl(int index) {
    this.controlIndex = index;
  }

  void configure(String description, String day, String night, String pinHash, String timeGroup, Instant at) {
    this.description = description == null ? "" : description.trim();
    this.dayDestination = day;
    this.nightDestination = night;
    this.pinHash = pinHash;
    this.timeGroup = timeGroup;
    this.updatedAt = at;
  }

  void setManually(Mode mode, Instant until, Instant at) {
    this.manualMode = mode.name();
    this.manualUntil = until;
    this.updatedAt = at;
  }

  public int index() {
    return controlIndex;
  }

  public String description() {
    return description;
  }

  public String dayDestination() {
    return dayDestination;
  }

  public String nightDestination() {
    return nightDestination;
  }

  /** The PIN's one-way hash, or null if toggling needs none. */
  public String pinHash() {
    return pinHash;
  }

  /** The time group the control follows, or null. */
  public String timeGroup() {
    return timeGroup;
  }

  /** The last manual setting, or null. */
  public Mode manualMode() {
    return manualMode == null ? null : Mode.valueOf(manualMode);
  }

  /** When the last manual setting gives way to the schedule, or null (until set again). */
  public Instant manualUntil() {
    return manualUntil;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
