package org.convergepbx.forwarding;

/**
 * What an extension does with its calls instead of (or after) ringing.
 *
 * @param unconditional forward every call to this number (FreePBX "Call Forward All", *72), or null
 * @param busy forward when the extension is busy (*90), or null
 * @param noAnswer forward when it does not answer or is unavailable (*52), or null
 * @param doNotDisturb callers get busy (*78)
 */
public record Forwarding(String unconditional, String busy, String noAnswer, boolean doNotDisturb) {
  /** Nothing set. */
  public static final Forwarding NONE = new Forwarding(null, null, null, false);

  /** This forwarding with a feature code applied. */
  public Forwarding with(FeatureCode code) {
    return switch (code.kind()) {
      case FORWARD_ALL -> new Forwarding(code.number(), busy, noAnswer, doNotDisturb);
      case FORWARD_ALL_OFF -> new Forwarding(null, busy, noAnswer, doNotDisturb);
      case FORWARD_BUSY -> new Forwarding(unconditional, code.number(), noAnswer, doNotDisturb);
      case FORWARD_BUSY_OFF -> new Forwarding(unconditional, null, noAnswer, doNotDisturb);
      case FORWARD_NO_ANSWER -> new Forwarding(unconditional, busy, code.number(), doNotDisturb);
      case FORWARD_NO_ANSWER_OFF -> new Forwarding(unconditional, busy, null, doNotDisturb);
      case DND_ON -> new Forwarding(unconditional, busy, noAnswer, true);
      case DND_OFF -> new Forwarding(unconditional, busy, noAnswer, false);
    };
  }

  public boolean isNone() {
    return equals(NONE);
  }
}
