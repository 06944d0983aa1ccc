package org.convergepbx.accounting;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A call detail record with Asterisk's field set and the SIP facts of the call.
 *
 * <p>Invariants: a record is OPEN from the call's start until it is closed exactly once; once CLOSED,
 * {@code end >= answer >= start} where present, {@code duration = end - start} and {@code billsec = end - answer}
 * (0 when unanswered), in whole seconds. The start buckets (hour, day, ISO week, month, UTC) are fixed at start
 * so reports group by indexed columns.
 */
@Entity
@Table(name = "cdr")
public class CallRecord {
  /** OPEN while the call lasts, CLOSED when it has ended. */
  public enum State {
    OPEN,
    CLOSED
  }

  @Id
  @Column(name = "uniqueid")
  private String uniqueid;

  @Column(name = "linkedid", nullable = false)
  private String linkedid;

  @Column(name = "accountcode", nullable = false)
  private String accountcode = "";

  @Column(name = "src", nullable = false)
  private String src;

  @Column(name = "dst", nullable = false)
  private String dst;

  @Column(name = "dcontext", nullable = false)
  private String dcontext;

  @Column(name = "clid", nullable = false)
  private String clid;

  @Column(name = "channel", nullable = false)
  private String channel;

  @Column(name = "dstchannel", nullable = false)
  private String dstchannel = "";

  @Column(name = "lastapp", nullable = false)
  private String lastapp;

  @Column(name = "lastdata", nullable = false)
  private String lastdata;

  @Column(name = "start_time", nullable = false)
  private Instant start;

  @Column(name = "answer_time")
  private Instant answer;

  @Column(name = "end_time")
  private Instant end;

  @Column(name = "duration", nullable = false)
  private int duration;

  @Column(name = "billsec", nullable = false)
  private int billsec;

  @Column(name = "disposition")
  private String disposition;

  @Column(name = "amaflags", nullable = false)
  private String amaflags = "DOCUMENTATION";

  @Column(name = "userfield", nullable = false)
  private String userfield = "";

  @Column(name = "call_id", nullable = false)
  private String callId;

  @Column(name = "sip_code")
  private Integer sipCode;

  @Column(name = "sip_reason")
  private String sipReason;

  @Column(name = "from_uri", nullable = false)
  private String fromUri;

  @Column(name = "to_uri", nullable = false)
  private String toUri;

  @Column(name = "source", nullable = false)
  private String source;

  @Column(name = "trunk")
  private String trunk;

  @Column(name = "site")
  private String site;

  @Column(name = "state", nullable = false)
  private String state;

  @Column(name = "reconciled", nullable = false)
  private short reconciled;

  @Column(name = "last_seen", nullable = false)
  private Instant lastSeen;

  @Column(name = "start_hour", nullable = false)
  private Instant startHour;

  @Column(name = "start_day", nullable = false)
  private LocalDate startDay;

  @Column(name = "start_week", nullable = false)
  private LocalDate startWeek;

  @Column(name = "start_month", nullable = false)
  private LocalDate startMonth;

  protected CallRecord() {}

  /** A new OPEN record for a call attempt that starts now. */
  public CallRecord(CallStart s) {
    this.uniqueid = UUID.randomUUID().toString();
    this.linkedid = uniqueid;
    this.src = s.src();
    this.dst = s.dst();
    this.dcontext = s.dcontext();
    this.clid = s.clid();
    this.channel = "SIP/" + s.src() + "-" + uniqueid.substring(0, 8);
    this.lastapp = s.lastapp();
    this.lastdata = s.lastdata();
    this.callId = s.callId();
    this.fromUri = s.fromUri();
    this.toUri = s.toUri();
    this.source = s.source();
    this.start = s.at();
    this.lastSeen = s.at();
    this.state = State.OPEN.name();
    LocalDate day = s.at().atZone(ZoneOffset.UTC).toLocalDate();
    this.startHour = s.at().truncatedTo(ChronoUnit.HOURS);
    this.startDay = day;
    this.startWeek = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    this.startMonth = day.withDayOfMonth(1);
  }

  /** The callee answered at {@code at} on the given channel. */
  void answered(Instant at, String answeringChannel) {
    if (answer == null && isOpen() && at != null) {
      answer = at;
      dstchannel = answeringChannel;
      lastSeen = at;
      sipCode = 200;
      sipReason = "OK";
    }
  }

  /**
   * The call went on to another feature: unanswered (a ring group's no-answer destination, ...), or answered by
   * the server itself (an IVR's choice). A call answered by a phone never moves on.
   */
  void movedOn(String app, String appData, String context) {
    if (isOpen()) {
      lastapp = app;
      lastdata = appData;
      dcontext = context;
    }
  }

  /** A call the server answered (an IVR) was joined to a phone: the record names the phone's channel. */
  /** The call came in on this trunk: the caller's channel is the trunk's (Asterisk's {@code SIP/<trunk>-…}). */
  void cameIn(String name) {
    if (isOpen()) {
      trunk = name;
      channel = "SIP/" + name + "-" + uniqueid.substring(0, 8);
    }
  }

  /** The call goes in or out through this trunk (the last one tried, for a call that failed over). */
  void trunk(String name) {
    if (isOpen()) {
      trunk = name;
    }
  }

  void joined(String channel) {
    if (answer != null && isOpen()) {
      dstchannel = channel;
    }
  }

  void ringing(String calleeChannel) {
    if (dstchannel.isEmpty()) {
      dstchannel = calleeChannel;
    }
  }

  /**
   * Ends the call at {@code at}: unanswered calls get the disposition of the final SIP status (NO ANSWER when
   * reconciled after a crash with none known), answered ones are ANSWERED whatever ended them.
   */
  void close(Instant at, Integer status, String reason, boolean wasReconciled) {
    if (!isOpen()) {
      return;
    }
    Instant effectiveEnd = at.isBefore(start) ? start : at;
    end = effectiveEnd;
    duration = (int) Duration.between(start, effectiveEnd).toSeconds();
    billsec = answer == null ? 0 : (int) Duration.between(answer, effectiveEnd.isBefore(answer) ? answer : effectiveEnd).toSeconds();
    if (answer != null) {
      disposition = Disposition.ANSWERED.label();
    } else if (status != null) {
      disposition = Disposition.ofFinalStatus(status).label();
    } else {
      disposition = (wasReconciled ? Disposition.NO_ANSWER : Disposition.FAILED).label();
    }
    if (status != null && sipCode == null) {
      sipCode = status;
      sipReason = reason;
    }
    state = State.CLOSED.name();
    reconciled = (short) (wasReconciled ? 1 : 0);
    lastSeen = effectiveEnd;
  }

  void seen(Instant at) {
    if (isOpen() && at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }

  void note(String text) {
    userfield = userfield.isEmpty() ? text : userfield + ";" + text;
  }

  public boolean isOpen() {
    return State.OPEN.name().equals(state);
  }

  public String uniqueid() { return uniqueid; }
  public String linkedid() { return linkedid; }
  public String accountcode() { return accountcode; }
  public String src() { return src; }
  public String dst() { return dst; }
  public String dcontext() { return dcontext; }
  public String clid() { return clid; }
  public String channel() { return channel; }
  public String dstchannel() { return dstchannel; }
  public String lastapp() { return lastapp; }
  public String lastdata() { return lastdata; }
  public Instant start() { return start; }
  public Instant answer() { return answer; }
  public Instant end() { return end; }
  public int duration() { return duration; }
  public int billsec() { return billsec; }
  public String disposition() { return disposition; }
  public String amaflags() { return amaflags; }
  public String userfield() { return userfield; }
  public String callId() { return callId; }
  public Integer sipCode() { return sipCode; }
  public String sipReason() { return sipReason; }
  public String fromUri() { return fromUri; }
  public String toUri() { return toUri; }
  public String source() { return source; }
  public String trunk() { return trunk; }
  public String site() { return site; }
  public String state() { return state; }
  public boolean reconciled() { return reconciled == 1; }
  public Instant lastSeen() { return lastSeen; }
}
