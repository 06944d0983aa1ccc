package org.convergepbx.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallRouterTest {
  private final Map<String, List<String>> contacts =
      Map.of("1001", List.of("sip:1001@10.0.0.1", "sip:1001@10.0.0.2"), "1002", List.of());
  private final CallRouter router =
      new CallRouter(contacts::containsKey, n -> contacts.getOrDefault(n, List.of()));

  @Test
  void registeredExtensionRingsEveryContact() {
    assertEquals(
        new CallDecision.RingContacts("1001", List.of("sip:1001@10.0.0.1", "sip:1001@10.0.0.2")),
        router.route("1001"));
  }

  @Test
  void extensionWithoutRegistrationIsTemporarilyUnavailable() {
    assertEquals(new CallDecision.Reject(480, "Temporarily Unavailable"), router.route("1002"));
  }

  @Test
  void unknownNumberIsNotFound() {
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route("5555"));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route(null));
  }

  @Test
  void destinationOfAnExtensionIsThatExtension() {
    assertEquals(new Destination.ExtensionTarget("1001"), router.destinationOf("1001"));
  }
}
