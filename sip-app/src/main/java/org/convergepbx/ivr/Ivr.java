package org.convergepbx.ivr;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.MapKeyColumn;
import javax.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IVR menu (FreePBX's IVR): a number that answers, plays an announcement, and sends the caller on by the key
 * pressed. Invariant (kept by {@link IvrService}): keys are single DTMF keys, their destinations and the
 * invalid and timeout destinations exist, named recordings exist, the repeat key is not also a mapped key.
 */
@Entity
@Table(name = "ivr")
public class Ivr {
  @Id
  @Column(name = "number", length = 32)
  private String number;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "announcement")
  private String announcement;

  @Column(name = "timeout_seconds", nullable = false)
  private int timeout;

  @Column(name = "invalid_retries", nullable = false)
  private int invalidRetries;

  @Column(name = "timeout_retries", nullable = false)
  private int timeoutRetries;

  @Column(name = "invalid_recording")
  private String invalidRecording;

  @Column(name = "timeout_recording")
  private String timeoutRecording;

  @Column(name = "repeat_key")
  private String repeatKey;

  @Column(name = "direct_dial", nullable = false)
  private boolean directDial;

  @Column(name = "invalid_destination", nullable = false)
  private String invalidDestination;

  @Column(name = "timeout_destination", nullable = false)
  private String timeoutDestination;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "ivr_key", joinColumns = @JoinColumn(name = "ivr_number"))
  @MapKeyColumn(name = "dtmf_key")
  @Column(name = "destination", nullable = false)
  private Map<String, String> keys = new HashMap<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Ivr() {}

  Ivr(String number) {
    this.number = number;
  }

  /** Empties the key map so that its rows are deleted (by a flush) before the new ones are written. */
  void clearKeys() {
    keys.clear();
  }

  /** Sets every field from a validated draft whose defaults are filled in. */
  void configure(IvrDraft valid, Map<String, String> normalisedKeys, Instant at) {
    name = valid.name().trim();
    announcement = valid.announcement();
    timeout = valid.timeout();
    invalidRetries = valid.invalidRetries();
    timeoutRetries = valid.timeoutRetries();
    invalidRecording = valid.invalidRecording();
    timeoutRecording = valid.timeoutRecording();
    repeatKey = valid.repeatKey();
    directDial = valid.directDial();
    invalidDestination = valid.invalidDestination();
    timeoutDestination = valid.timeoutDestination();
    keys = new HashMap<>(normalisedKeys);
    updatedAt = at;
  }

  public String number() {
    return number;
  }

  public String name() {
    return name;
  }

  public String announcement() {
    return announcement;
  }

  /** Seconds to wait for a key after a prompt. */
  public int timeout() {
    return timeout;
  }

  public int invalidRetries() {
    return invalidRetries;
  }

  public int timeoutRetries() {
    return timeoutRetries;
  }

  public String invalidRecording() {
    return invalidRecording;
  }

  public String timeoutRecording() {
    return timeoutRecording;
  }

  public String repeatKey() {
    return repeatKey;
  }

  public boolean directDial() {
    return directDial;
  }

  public String invalidDestination() {
    return invalidDestination;
  }

  public String timeoutDestination() {
    return timeoutDestination;
  }

  /** Key to destination text, in key order. */
  public Map<String, String> keys() {
    return new TreeMap<>(keys);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
