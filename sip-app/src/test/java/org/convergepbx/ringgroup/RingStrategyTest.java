package org.convergepbx.ringgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RingStrategyTest {
  private static final List<String> MEMBERS = List.of("1001", "1002", "1003");
  private static final Function<String, Instant> NEVER = m -> Instant.MIN;

  @Test
  void ringallRingsEveryoneInOneStep() {
    assertEquals(List.of(MEMBERS), RingStrategy.RINGALL.steps(MEMBERS, NEVER, new Random(1)));
  }

  @Test
  void huntRingsOneAfterAnotherInListOrder() {
    assertEquals(
        List.of(List.of("1001"), List.of("1002"), List.of("1003")),
        RingStrategy.HUNT.steps(MEMBERS, NEVER, new Random(1)));
  }

  @Test
  void memoryhuntKeepsTheEarlierMembersRinging() {
    assertEquals(
        List.of(List.of("1001"), List.of("1001", "1002"), List.of("1001", "1002", "1003")),
        RingStrategy.MEMORYHUNT.steps(MEMBERS, NEVER, new Random(1)));
  }

  @Test
  void leastrecentStartsWithTheMemberIdleLongest() {
    Map<String, Instant> answered =
        Map.of("1001", Instant.parse("2026-11-22T10:00:00Z"), "1003", Instant.parse("2026-11-22T09:00:00Z"));
    List<List<String>> steps =
        RingStrategy.LEASTRECENT.steps(MEMBERS, m -> answered.getOrDefault(m, Instant.MIN), new Random(1));
    assertEquals(List.of(List.of("1002"), List.of("1003"), List.of("1001")), steps);
  }

  @Test
  void randomRingsEveryMemberOnceInSomeOrder() {
    Set<List<List<String>>> orders = new HashSet<>();
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      List<List<String>> steps = RingStrategy.RANDOM.steps(MEMBERS, NEVER, random);
      assertEquals(3, steps.size());
      assertEquals(Set.copyOf(MEMBERS), Set.of(steps.get(0).get(0), steps.get(1).get(0), steps.get(2).get(0)));
      orders.add(steps);
    }
    assertTrue(orders.size() > 1, "the order varies from call to call");
  }

  @Test
  void noMembersNoSteps() {
    for (RingStrategy s : RingStrategy.values()) {
      assertEquals(List.of(), s.steps(List.of(), NEVER, new Random(1)));
    }
  }

  @Test
  void namesAreFreePbxs() {
    assertEquals(RingStrategy.MEMORYHUNT, RingStrategy.named("memoryhunt"));
    assertEquals("leastrecent", RingStrategy.LEASTRECENT.label());
    assertNull(RingStrategy.named("firstavailable"));
    assertNull(RingStrategy.named(null));
  }
}
