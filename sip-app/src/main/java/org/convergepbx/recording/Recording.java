package org.convergepbx.recording;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A system recording (a prompt for IVRs and greetings): its audio is a WAV file of 8 kHz 16-bit mono PCM under
 * {@code PBX_DATA_DIR/recordings/<name>.wav}; this row describes it.
 */
@Entity
@Table(name = "recording")
public class Recording {
  @Id
  @Column(name = "name", length = 40)
  private String name;

  @Column(name = "description", nullable = false)
  private String description;

  @Column(name = "duration_ms", nullable = false)
  private int durationMs;

  @Column(name = "size_bytes", nullable = false)
  private int sizeBytes;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Recording() {}

  Recording(String name, String description, int durationMs, int sizeBytes, Instant createdAt) {
    this.name = name;
    this.description = description == null ? "" : description.trim();
    this.durationMs = durationMs;
    this.sizeBytes = sizeBytes;
    this.createdAt = createdAt;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public int durationMs() {
    return durationMs;
  }

  /** Size of the stored WAV file. */
  public int sizeBytes() {
    return sizeBytes;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
