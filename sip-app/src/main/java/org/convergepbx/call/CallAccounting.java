package org.convergepbx.call;

import java.time.Clock;
import org.convergepbx.accounting.AccountingService;
import org.convergepbx.routing.CallDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each call's detail record and the live-calls index in step with the call. A record is updated without
 * ever disturbing the call: if the database fails, the record stays open with its last-seen time and is closed
 * by the reconciliation or the maximum duration.
 */
public final class CallAccounting implements CallEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CallAccounting.class);

  private final AccountingService accounting;
  private final CallsIndex calls;
  private final Clock clock;

  public CallAccounting(AccountingService accounting, CallsIndex calls, Clock clock) {
    this.accounting = accounting;
    this.calls = calls;
    this.clock = clock;
  }

  @Override
  public void answered(CallState call, CallDecision.Ring plan, String member) {
    if (call.answered(clock.instant())) {
      String channel = plan == null ? member : "SIP/" + member + "-" + call.recordId().substring(0, 8);
      recordSafely(call, () -> accounting.answered(call.recordId(), channel));
      LOG.info("Call {} -> {} answered by {}", call.caller(), call.callee(), member);
    } else if (plan != null) {
      String channel = "SIP/" + member + "-" + call.recordId().substring(0, 8);
      recordSafely(call, () -> accounting.joined(call.recordId(), channel));
      LOG.info("Call {} -> {} joined to {}", call.caller(), call.callee(), member);
    }
  }

  @Override
  public void movedOn(CallState call, String app, String appData, String context) {
    recordSafely(call, () -> accounting.movedOn(call.recordId(), app, appData, context));
    LOG.info("Call {} -> {} not answered there, now {} {}", call.caller(), call.callee(), app, appData);
  }

  @Override
  public void trunk(CallState call, String trunk) {
    recordSafely(call, () -> accounting.viaTrunk(call.recordId(), trunk));
  }

  @Override
  public void failed(CallState call, int status, String reason) {
    if (call.ended(clock.instant())) {
      calls.remove(call.callId());
      recordSafely(call, () -> accounting.ended(call.recordId(), status, reason));
      LOG.info("Call {} -> {} failed: {} {}", call.caller(), call.callee(), status, reason);
    }
  }

  @Override
  public void hungUp(CallState call, String by) {
    if (call.ended(clock.instant())) {
      calls.remove(call.callId());
      recordSafely(call, () -> accounting.hungUp(call.recordId(), call.answeredAt()));
      LOG.info("Call {} -> {} hung up by the {}", call.caller(), call.callee(), by);
    }
  }

  private static void recordSafely(CallState call, Runnable update) {
    try {
      update.run();
    } catch (RuntimeException e) {
      LOG.error("Call record {} could not be updated; it stays open until reconciled", call.recordId(), e);
    }
  }
}
