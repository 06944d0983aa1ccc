package org.convergepbx.routing;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides where a new call goes. Pure: it reads configuration and locations through the functions it is
 * given and never touches SIP.
 */
public final class CallRouter {
  private final Predicate<String> extensionExists;
  private final Function<String, List<String>> contactsOf;

  /**
   * @param extensionExists whether a number is a provisioned extension
   * @param contactsOf the current contact URIs of an extension, preferred first
   */
  public CallRouter(Predicate<String> extensionExists, Function<String, List<String>> contactsOf) {
    this.extensionExists = extensionExists;
    this.contactsOf = contactsOf;
  }

  /** The destination a dialled number names. */
  public Destination destinationOf(String dialled) {
    if (dialled != null && extensionExists.test(dialled)) {
      return new Destination.ExtensionTarget(dialled);
    }
    return new Destination.HangUp(404, "Not Found");
  }

  /** What to do with a call to {@code dialled}. */
  public CallDecision route(String dialled) {
    Destination d = destinationOf(dialled);
    if (d instanceof Destination.HangUp h) {
      return new CallDecision.Reject(h.status(), h.reason());
    }
    Destination.ExtensionTarget ext = (Destination.ExtensionTarget) d;
    List<String> contacts = contactsOf.apply(ext.number());
    if (contacts.isEmpty()) {
      return new CallDecision.Reject(480, "Temporarily Unavailable");
    }
    return new CallDecision.RingContacts(ext.number(), contacts);
  }
}
