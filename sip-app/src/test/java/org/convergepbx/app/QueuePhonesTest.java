package org.convergepbx.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.convergepbx.call.LinesInUse;
import org.convergepbx.security.MutableClock;
import org.junit.jupiter.api.Test;

class QueuePhonesTest {
  @Test
  void aRegistrationCheckIsReusedForASecondThenReadAgain() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    Set<String> registered = new HashSet<>(Set.of("2001"));
    AtomicInteger reads = new AtomicInteger();
    QueuePhones phones = new QueuePhones(e -> {
      reads.incrementAndGet();
      return registered.contains(e);
    }, new LinesInUse(), clock);

    for (int i = 0; i < 100; i++) {
      assertTrue(phones.reachable("2001"));
    }
    assertEquals(1, reads.get(), "one read for a hundred questions within the second");
    registered.remove("2001");
    clock.advance(QueuePhones.FRESH.minusMillis(1));
    assertTrue(phones.reachable("2001"), "still the fresh answer");
    clock.advance(java.time.Duration.ofMillis(1));
    assertFalse(phones.reachable("2001"), "a second later the expiry is seen");
    assertEquals(2, reads.get());
    assertFalse(phones.onCall("2001"));
  }
}
