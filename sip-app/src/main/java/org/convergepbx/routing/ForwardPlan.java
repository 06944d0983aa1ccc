package org.convergepbx.routing;

/**
 * An extension's call forwarding as the router needs it; null destinations are not set.
 *
 * @param unconditional every call goes there instead
 * @param busy where a call goes when the extension is busy
 * @param noAnswer where a call goes when the extension does not answer or is not registered
 * @param doNotDisturb callers get busy
 */
public record ForwardPlan(Destination unconditional, Destination busy, Destination noAnswer, boolean doNotDisturb) {
  public static final ForwardPlan NONE = new ForwardPlan(null, null, null, false);
}
