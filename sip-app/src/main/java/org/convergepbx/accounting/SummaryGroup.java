package org.convergepbx.accounting;

/** How a summary groups calls; the time groups use the start buckets fixed in each record (UTC). */
public enum SummaryGroup {
  HOUR("startHour"),
  DAY("startDay"),
  WEEK("startWeek"),
  MONTH("startMonth"),
  SRC("src"),
  DST("dst"),
  TRUNK("trunk"),
  DISPOSITION("disposition");

  private final String attribute;

  SummaryGroup(String attribute) {
    this.attribute = attribute;
  }

  /** The entity attribute grouped on. */
  public String attribute() {
    return attribute;
  }
}
