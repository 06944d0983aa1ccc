package org.convergepbx.call;

/** What the back-to-back user agent reports of a call's life; each call reports answered at most once and ends once. */
public interface CallEvents {
  void answered(CallState call);

  /** The call ended without an answer; {@code status} is the final response the caller got. */
  void failed(CallState call, int status, String reason);

  /** An answered call was hung up, by {@code by} (caller, callee, administrator, maximum duration). */
  void hungUp(CallState call, String by);
}
