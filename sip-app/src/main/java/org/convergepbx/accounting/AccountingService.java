package org.convergepbx.accounting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a durable record of every call attempt. A record is committed when the call starts, updated when it
 * is answered and closed when it ends; records left open by a crash are closed by {@link #reconcile} from
 * their last-seen time, which {@link #heartbeat()} keeps fresh while calls last.
 */
public final class AccountingService {
  private final CallRecordRepository records;
  private final Clock clock;
  private final Duration maxDuration;
  /** Records of calls this process is carrying. */
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  /** How long past the maximum duration a live call's own hang-up is waited for before its record is closed. */
  static final Duration LIVE_CALL_GRACE = Duration.ofMinutes(10);

  public AccountingService(CallRecordRepository records, Clock clock, Duration maxDuration) {
    this.records = records;
    this.clock = clock;
    this.maxDuration = maxDuration;
  }

  /** Opens (commits) the record of a call that starts ringing; returns its uniqueid. */
  public String open(CallStart start, String calleeChannel) {
    CallRecord r = new CallRecord(start);
    r.ringing(calleeChannel);
    records.insert(r);
    live.add(r.uniqueid());
    return r.uniqueid();
  }

  /** Records a call refused before anything rang (unknown number, not registered, ...). */
  public void rejected(CallStart start, int status, String reason) {
    CallRecord r = new CallRecord(start);
    r.close(start.at(), status, reason, false);
    records.insert(r);
  }

  public void answered(String uniqueid, String answeringChannel) {
    Instant now = clock.instant();
    records.update(uniqueid, r -> r.answered(now, answeringChannel));
  }

  /** A call the server answered (an IVR) was joined to a phone's channel; the answer time stays the server's. */
  public void joined(String uniqueid, String channel) {
    records.update(uniqueid, r -> r.joined(channel));
  }

  /** The call came in on this trunk (its channel and trunk say so). */
  public void cameIn(String uniqueid, String trunk) {
    records.update(uniqueid, r -> r.cameIn(trunk));
  }

  /** The call came in, or goes out, through this trunk. */
  public void viaTrunk(String uniqueid, String trunk) {
    records.update(uniqueid, r -> r.trunk(trunk));
  }

  /** The call went on to another destination: lastapp, lastdata and dcontext say which feature has it now. */
  public void movedOn(String uniqueid, String lastapp, String lastdata, String dcontext) {
    records.update(uniqueid, r -> r.movedOn(lastapp, lastdata, dcontext));
  }

  /** Closes the record of a call that failed or was refused with this final status before any answer. */
  public void ended(String uniqueid, int status, String reason) {
    close(uniqueid, r -> r.close(clock.instant(), status, reason, false));
  }

  /**
   * Closes the record of an answered call that ended now (by BYE). {@code answeredAt} makes the record complete
   * even if the answer could not be written when it happened.
   */
  public void hungUp(String uniqueid, Instant answeredAt) {
    Instant now = clock.instant();
    close(
        uniqueid,
        r -> {
          r.answered(answeredAt, r.dstchannel());
          r.close(now, null, null, false);
        });
  }

  /** The call is no longer carried here whatever happens to the write: a failed write leaves an orphan. */
  private void close(String uniqueid, java.util.function.Consumer<CallRecord> change) {
    try {
      records.update(uniqueid, change);
    } finally {
      live.remove(uniqueid);
    }
  }

  /** Moves the last-seen time of every live call's record to now. */
  public void heartbeat() {
    records.touch(Set.copyOf(live), clock.instant());
  }

  /**
   * Closes orphaned records at their last-seen time, marking them reconciled: open, not carried by this process,
   * and not seen for {@code staleAfter} (three heartbeats), so a call another node still carries (and heartbeats)
   * is left alone. Orphans come from a crash or from a write that failed when the call ended. Run at start and
   * periodically.
   *
   * @return how many records were closed
   */
  public int reconcile(Duration staleAfter) {
    Instant staleBefore = clock.instant().minus(staleAfter);
    int closed = 0;
    for (CallRecord open : records.findOpen(null)) {
      if (!live.contains(open.uniqueid()) && !open.lastSeen().isAfter(staleBefore)) {
        Instant lastSeen = open.lastSeen();
        records.update(open.uniqueid(), r -> r.close(lastSeen, null, null, true));
        closed++;
      }
    }
    return closed;
  }

  /**
   * Closes the records of calls that have lasted longer than the maximum duration (their BYE never came). A
   * call this process still carries is left to the call's own maximum-duration hang-up (counted from the
   * answer, which closes the record with the real end) unless it is {@link #LIVE_CALL_GRACE} past the limit.
   *
   * @return how many records were closed
   */
  public int closeOverdue() {
    Instant now = clock.instant();
    Instant liveGraceEnd = now.minus(maxDuration).minus(LIVE_CALL_GRACE);
    int closed = 0;
    for (CallRecord open : records.findOpen(now.minus(maxDuration))) {
      if (live.contains(open.uniqueid()) && open.start().isAfter(liveGraceEnd)) {
        continue;
      }
      Instant limit = open.start().plus(maxDuration);
      close(
          open.uniqueid(),
          r -> {
            r.note("max-duration");
            r.close(limit, null, null, false);
          });
      closed++;
    }
    return closed;
  }

  public CallRecordRepository records() {
    return records;
  }
}
