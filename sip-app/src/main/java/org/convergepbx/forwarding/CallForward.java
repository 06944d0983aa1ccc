package org.convergepbx.forwarding;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An extension's call forwarding and do-not-disturb, as set from its phone (feature codes) or over HTTP. A null
 * target means that forwarding is off. Targets are extension numbers (external numbers once outbound routes
 * exist).
 */
@Entity
@Table(name = "call_forward")
public class CallForward {
  @Id
  @Column(name = "extension", length = 32)
  private String extension;

  @Column(name = "unconditional")
  private String unconditional;

  @Column(name = "busy")
  private String busy;

  @Column(name = "no_answer")
  private String noAnswer;

  @Column(name = "dnd", nullable = false)
  private boolean doNotDisturb;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected CallForward() {}

  CallForward(String extension) {
    this.extension = extension;
  }

  void set(Forwarding f, Instant at) {
    unconditional = f.unconditional();
    busy = f.busy();
    noAnswer = f.noAnswer();
    doNotDisturb = f.doNotDisturb();
    updatedAt = at;
  }

  public String extension() {
    return extension;
  }

  public Forwarding forwarding() {
    return new Forwarding(unconditional, busy, noAnswer, doNotDisturb);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
