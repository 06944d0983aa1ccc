package org.convergepbx.accounting;

/**
 * One group of a CDR summary.
 *
 * @param key the group's value (a bucket's start, a number, a disposition), as text; empty for no value
 */
public record SummaryRow(String key, long calls, long answered, long totalBillsec) {
  /** Answer-seizure ratio: answered calls over all calls, 0 when there were none. */
  public double asr() {
    return calls == 0 ? 0 : (double) answered / calls;
  }

  /** Average billed seconds of the answered calls, 0 when none was answered. */
  public double averageBillsec() {
    return answered == 0 ? 0 : (double) totalBillsec / answered;
  }
}
