package org.convergepbx.accounting;

/** What happened to a call, with Asterisk's names. */
public enum Disposition {
  ANSWERED("ANSWERED"),
  NO_ANSWER("NO ANSWER"),
  BUSY("BUSY"),
  FAILED("FAILED"),
  CONGESTION("CONGESTION");

  private final String label;

  Disposition(String label) {
    this.label = label;
  }

  /** The name as Asterisk writes it (with a space in {@code NO ANSWER}). */
  public String label() {
    return label;
  }

  /** The disposition named as Asterisk writes it, or null. */
  public static Disposition ofLabel(String label) {
    for (Disposition d : values()) {
      if (d.label.equalsIgnoreCase(label)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The disposition of a call whose final answer to the caller had this SIP status: 2xx answered; 486 and 600
   * busy; 408, 480 and 487 (no answer in time, not reachable, cancelled by the caller) no answer; 503 congestion;
   * anything else failed.
   */
  public static Disposition ofFinalStatus(int status) {
    if (status >= 200 && status < 300) {
      return ANSWERED;
    }
    return switch (status) {
      case 486, 600 -> BUSY;
      case 408, 480, 487 -> NO_ANSWER;
      case 503 -> CONGESTION;
      default -> FAILED;
    };
  }
}
