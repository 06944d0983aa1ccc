package org.convergepbx.extension;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import org.convergepbx.security.DigestAlgorithm;

/**
 * An extension: a number that phones register to and that calls can reach.
 *
 * <p>Invariant: the SIP secret is never held; only its digest HA1 values for {@link #realm()} are, so changing the
 * SIP domain requires setting the secrets again. The voicemail PIN is held as a one-way hash.
 */
@Entity
@Table(name = "extension")
public class Extension {
  @Id
  @Column(name = "number", length = 32)
  private String number;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "realm", nullable = false)
  private String realm;

  @Column(name = "ha1_md5", nullable = false)
  private String ha1Md5;

  @Column(name = "ha1_sha256", nullable = false)
  private String ha1Sha256;

  @Column(name = "email")
  private String email;

  @Column(name = "voicemail_pin")
  private String voicemailPinHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Extension() {}

  public Extension(String number, Instant now) {
    this.number = number;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String number() {
    return number;
  }

  public String name() {
    return name;
  }

  public String realm() {
    return realm;
  }

  public String email() {
    return email;
  }

  public boolean hasVoicemailPin() {
    return voicemailPinHash != null;
  }

  public String voicemailPinHash() {
    return voicemailPinHash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** HA1 of this extension's secret for the given algorithm. */
  public String ha1(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm.MD5 ? ha1Md5 : ha1Sha256;
  }

  void rename(String name) {
    this.name = name;
  }

  void setCredentials(String realm, String ha1Md5, String ha1Sha256) {
    this.realm = realm;
    this.ha1Md5 = ha1Md5;
    this.ha1Sha256 = ha1Sha256;
  }

  void setEmail(String email) {
    this.email = email;
  }

  void setVoicemailPinHash(String hash) {
    this.voicemailPinHash = hash;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }
}
