package org.convergepbx.call;

import java.io.Serializable;
import java.time.Instant;

/**
 * The state of one call, kept as an attribute of its {@code SipApplicationSession} so that the HTTP side
 * of the converged application reads it from the same session model.
 */
public final class CallState implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Name of the application-session attribute holding the call's state. */
  public static final String ATTRIBUTE = "org.convergepbx.call";

  private final String callId;
  private final String caller;
  private final String callee;
  private final Instant startedAt;
  private final String recordId;
  private volatile Instant answeredAt;
  private volatile Instant endedAt;
  private volatile String media;

  public CallState(String callId, String caller, String callee, Instant startedAt, String recordId) {
    this.callId = callId;
    this.caller = caller;
    this.callee = callee;
    this.startedAt = startedAt;
    this.recordId = recordId;
  }

  /** The uniqueid of the call's detail record. */
  public String recordId() {
    return recordId;
  }

  public String callId() {
    return callId;
  }

  public String caller() {
    return caller;
  }

  public String callee() {
    return callee;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant answeredAt() {
    return answeredAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  /**
   * The server's own media application the caller is in ({@code IVR/500}, {@code VoiceMail/1001}), or null when
   * the caller is ringing a phone or talking to one.
   */
  public String media() {
    return media;
  }

  void media(String application) {
    media = application;
  }

  /** RINGING until answered, then ANSWERED, then ENDED. */
  public String phase() {
    if (endedAt != null) {
      return "ENDED";
    }
    return answeredAt == null ? "RINGING" : "ANSWERED";
  }

  /** True the first time only. */
  boolean answered(Instant at) {
    if (answeredAt == null && endedAt == null) {
      answeredAt = at;
      return true;
    }
    return false;
  }

  /** True the first time only. */
  boolean ended(Instant at) {
    if (endedAt == null) {
      endedAt = at;
      return true;
    }
    return false;
  }
}
