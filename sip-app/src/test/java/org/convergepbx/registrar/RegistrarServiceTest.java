package org.convergepbx.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.convergepbx.security.MutableClock;
import org.junit.jupiter.api.Test;

class RegistrarServiceTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryLocationService locations = new InMemoryLocationService();
  private final RegistrarService registrar =
      new RegistrarService(locations, new RegistrarPolicy(60, 3600, 7200, 2), clock);
  private long cseq = 1;

  @Test
  void contactWithoutIntervalGetsTheDefault() {
    List<Binding> b = registered(request(List.of(contact("sip:a@h", null)), null));
    assertEquals(3600, b.get(0).secondsLeft(clock.instant()));
  }

  @Test
  void expiresHeaderAppliesWhenTheContactNamesNoInterval() {
    List<Binding> b = registered(request(List.of(contact("sip:a@h", null)), 900));
    assertEquals(900, b.get(0).secondsLeft(clock.instant()));
  }

  @Test
  void tooShortIntervalIs423AndLongOnesAreCapped() {
    RegisterOutcome brief = registrar.register(request(List.of(contact("sip:a@h", 30)), null));
    assertEquals(new RegisterOutcome.IntervalTooBrief(60), brief);
    List<Binding> capped = registered(request(List.of(contact("sip:a@h", 86400)), null));
    assertEquals(7200, capped.get(0).secondsLeft(clock.instant()));
  }

  @Test
  void zeroRemovesOnlyThatContact() {
    registered(request(List.of(contact("sip:a@h", 600), contact("sip:b@h", 600)), null));
    List<Binding> left = registered(request(List.of(contact("sip:a@h", 0)), null));
    assertEquals(List.of("sip:b@h"), left.stream().map(Binding::contactUri).toList());
  }

  @Test
  void wildcardNeedsExpiresZeroAndRemovesAll() {
    registered(request(List.of(contact("sip:a@h", 600), contact("sip:b@h", 600)), null));
    RegisterOutcome refused = registrar.register(wildcard(600));
    assertEquals(400, ((RegisterOutcome.Refused) refused).status());
    assertEquals(List.of(), registered(wildcard(0)));
  }

  @Test
  void refreshReplacesTheBindingOfTheSameContact() {
    registered(request(List.of(contact("sip:a@h", 600)), null));
    clock.advance(Duration.ofSeconds(100));
    List<Binding> b = registered(request(List.of(contact("sip:a@h", 1200)), null));
    assertEquals(1, b.size());
    assertEquals(1200, b.get(0).secondsLeft(clock.instant()));
  }

  @Test
  void reorderedRegisterWithTheSameCallIdIsRefused() {
    registered(request(List.of(contact("sip:a@h", 600)), null));
    cseq -= 2;
    RegisterOutcome r = registrar.register(request(List.of(contact("sip:a@h", 600)), null));
    assertEquals(500, ((RegisterOutcome.Refused) r).status());
  }

  @Test
  void moreContactsThanAllowedIsForbiddenAndNothingChanges() {
    registered(request(List.of(contact("sip:a@h", 600), contact("sip:b@h", 600)), null));
    RegisterOutcome r = registrar.register(request(List.of(contact("sip:c@h", 600)), null));
    assertEquals(403, ((RegisterOutcome.Refused) r).status());
    assertEquals(2, locations.lookup("1001", clock.instant()).size());
  }

  @Test
  void queryWithoutContactsListsTheBindings() {
    registered(request(List.of(contact("sip:a@h", 600)), null));
    assertEquals(1, registered(request(List.of(), null)).size());
  }

  @Test
  void expiredBindingsAreNoLongerLocations() {
    registered(request(List.of(contact("sip:a@h", 60)), null));
    clock.advance(Duration.ofSeconds(61));
    assertTrue(locations.lookup("1001", clock.instant()).isEmpty());
    assertEquals(1, locations.purgeExpired(clock.instant()));
  }

  @Test
  void policyRefusesInconsistentIntervals() {
    assertThrows(IllegalArgumentException.class, () -> new RegistrarPolicy(600, 60, 7200, 1));
    assertThrows(IllegalArgumentException.class, () -> new RegistrarPolicy(60, 3600, 7200, 0));
  }

  private List<Binding> registered(RegisterRequest r) {
    RegisterOutcome o = registrar.register(r);
    return assertInstanceOf(RegisterOutcome.Registered.class, o).bindings();
  }

  private RegisterRequest request(List<ContactSpec> contacts, Integer expires) {
    return new RegisterRequest("1001", contacts, false, expires, "call-1", cseq++, "ua", "127.0.0.1:5060/udp");
  }

  private RegisterRequest wildcard(int expires) {
    return new RegisterRequest("1001", List.of(), true, expires, "call-1", cseq++, "ua", "127.0.0.1:5060/udp");
  }

  private static ContactSpec contact(String uri, Integer expires) {
    return new ContactSpec(uri, expires, 1000);
  }
}
