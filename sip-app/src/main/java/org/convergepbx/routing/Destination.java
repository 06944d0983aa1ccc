package org.convergepbx.routing;

/**
 * Where a call can be sent. Each feature adds its kind as it lands (ring group, queue, IVR, voicemail, ...);
 * a kind exists here only once the product can carry it out.
 */
public sealed interface Destination {
  /** Ring every registered contact of an extension. */
  record ExtensionTarget(String number) implements Destination {}

  /** Refuse the call with a SIP status. */
  record HangUp(int status, String reason) implements Destination {}
}
