package org.convergepbx.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcdTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final List<String> AGENTS = List.of("2001", "2002", "2003");

  private final Set<String> unregistered = new HashSet<>();
  private final Set<String> onOtherCalls = new HashSet<>();
  private final Acd.Lines phones = new Acd.Lines() {
    @Override
    public boolean reachable(String extension) {
      return !unregistered.contains(extension);
    }

    @Override
    public boolean onCall(String extension) {
      return onOtherCalls.contains(extension);
    }
  };
  private final Acd acd = new Acd(new Random(7));

  private static Acd.Setup setup(QueueStrategy strategy, Set<String> paused, int wrapUp, boolean ringInUse) {
    List<Acd.Member> members = new ArrayList<>();
    AGENTS.forEach(a -> members.add(new Acd.Member(a, false, paused.contains(a))));
    return new Acd.Setup(
        "400", strategy, members, Duration.ofSeconds(5), Duration.ofSeconds(wrapUp), 0, true, ringInUse);
  }

  private static Acd.Setup setup(QueueStrategy strategy) {
    return setup(strategy, Set.of(), 0, false);
  }

  /** One call through the queue: joins, is offered, the member offered answers, talks 10 s, hangs up. */
  private String answeredCall(Acd.Setup s, String caller, Instant at) {
    acd.join(s, caller, at, phones);
    List<Acd.Offer> offers = acd.dispatch(s, at, phones);
    assertEquals(1, offers.size(), "one offer for the one caller");
    String member = offers.get(0).members().get(0);
    acd.connected(caller, member, at.plusSeconds(1));
    acd.leave(caller, at.plusSeconds(11), s.wrapUp());
    return member;
  }

  @Test
  void ringallOffersEveryAvailableMemberButNotThePausedOrUnregisteredOnes() {
    unregistered.add("2003");
    Acd.Setup s = setup(QueueStrategy.RINGALL, Set.of("2001"), 0, false);
    acd.join(s, "c1", T0, phones);
    List<Acd.Offer> offers = acd.dispatch(s, T0, phones);
    assertEquals(List.of(new Acd.Offer("c1", "400", List.of("2002"))), offers);
  }

  @Test
  void linearAlwaysStartsFromTheFirstMemberAndRingNoAnswerMovesOn() {
    Acd.Setup s = setup(QueueStrategy.LINEAR);
    acd.join(s, "c1", T0, phones);
    assertEquals(List.of("2001"), dispatch(s, "c1", 0).get(0).members());
    assertEquals(List.of("2001"), acd.noAnswer("c1", T0.plusSeconds(15), Duration.ofSeconds(5)));
    assertTrue(dispatch(s, "c1", 16).isEmpty(), "the retry pause is respected");
    assertEquals(List.of("2002"), dispatch(s, "c1", 20).get(0).members());
    acd.noAnswer("c1", T0.plusSeconds(35), Duration.ofSeconds(5));
    assertEquals(List.of("2003"), dispatch(s, "c1", 40).get(0).members());
    acd.noAnswer("c1", T0.plusSeconds(55), Duration.ofSeconds(5));
    assertEquals(List.of("2001"), dispatch(s, "c1", 60).get(0).members(),
        "after every member was tried, a new round starts");
    acd.seen("c1", T0.plusSeconds(100));
    assertEquals("2002", answeredCall(s, "c2", T0.plusSeconds(100)), "2001 rings for c1: c2 gets the next free one");
  }

  /** The caller's tick at T0 + {@code second}: it is seen, and the queue dispatched. */
  private List<Acd.Offer> dispatch(Acd.Setup s, String caller, int second) {
    acd.seen(caller, T0.plusSeconds(second));
    return acd.dispatch(s, T0.plusSeconds(second), phones);
  }

  @Test
  void rrmemoryGoesRoundTheMembersOverThirtyCalls() {
    Acd.Setup s = setup(QueueStrategy.RRMEMORY);
    Map<String, Integer> counts = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String m = answeredCall(s, "c" + i, T0.plusSeconds(60L * i));
      order.add(m);
      counts.merge(m, 1, Integer::sum);
    }
    assertEquals(List.of("2001", "2002", "2003", "2001", "2002", "2003"), order.subList(0, 6));
    assertEquals(Map.of("2001", 10, "2002", 10, "2003", 10), counts);
  }

  @Test
  void leastrecentOffersTheMemberIdleLongestAndIsFairOverThirtyCalls() {
    Acd.Setup s = setup(QueueStrategy.LEASTRECENT);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      counts.merge(answeredCall(s, "c" + i, T0.plusSeconds(60L * i)), 1, Integer::sum);
    }
    assertEquals(Map.of("2001", 10, "2002", 10, "2003", 10), counts);
  }

  @Test
  void fewestcallsOffersTheMemberWithFewestCompletedCalls() {
    Acd.Setup s = setup(QueueStrategy.FEWESTCALLS);
    assertEquals("2001", answeredCall(s, "c1", T0));
    assertEquals("2002", answeredCall(s, "c2", T0.plusSeconds(60)));
    assertEquals("2003", answeredCall(s, "c3", T0.plusSeconds(120)));
    assertEquals("2001", answeredCall(s, "c4", T0.plusSeconds(180)));
  }

  @Test
  void randomSpreadsCallsOverEveryMember() {
    Acd.Setup s = setup(QueueStrategy.RANDOM);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      seen.add(answeredCall(s, "c" + i, T0.plusSeconds(60L * i)));
    }
    assertEquals(Set.copyOf(AGENTS), seen);
  }

  @Test
  void wrapUpKeepsAMemberOutOfTheQueueUntilItIsOver() {
    Acd.Setup s = setup(QueueStrategy.LINEAR, Set.of(), 30, false);
    assertEquals("2001", answeredCall(s, "c1", T0));
    acd.join(s, "c2", T0.plusSeconds(20), phones);
    assertEquals(List.of("2002"), acd.dispatch(s, T0.plusSeconds(20), phones).get(0).members(),
        "2001 is in wrap-up until 41 s");
    acd.connected("c2", "2002", T0.plusSeconds(21));
    acd.join(s, "c3", T0.plusSeconds(41), phones);
    assertEquals(List.of("2001"), acd.dispatch(s, T0.plusSeconds(41), phones).get(0).members());
  }

  @Test
  void membersOnOtherCallsAreSkippedUnlessTheQueueRingsThemInUse() {
    onOtherCalls.add("2001");
    acd.join(setup(QueueStrategy.LINEAR), "c1", T0, phones);
    assertEquals(List.of("2002"), acd.dispatch(setup(QueueStrategy.LINEAR), T0, phones).get(0).members());
    Acd other = new Acd(new Random(1));
    Acd.Setup inUse = setup(QueueStrategy.LINEAR, Set.of(), 0, true);
    other.join(inUse, "c1", T0, phones);
    assertEquals(List.of("2001"), other.dispatch(inUse, T0, phones).get(0).members());
  }

  @Test
  void callersAreServedInOrderAndAMemberRingsForOneCallerAtATime() {
    Acd.Setup s = setup(QueueStrategy.RINGALL);
    acd.join(s, "c1", T0, phones);
    assertEquals(2, acd.join(s, "c2", T0.plusSeconds(1), phones).position());
    List<Acd.Offer> offers = acd.dispatch(s, T0.plusSeconds(1), phones);
    assertEquals(List.of(new Acd.Offer("c1", "400", AGENTS)), offers, "ringall gives c1 everyone; c2 waits");
    acd.connected("c1", "2002", T0.plusSeconds(3));
    assertEquals(1, acd.position("c2"));
    assertEquals(List.of(new Acd.Offer("c2", "400", List.of("2001", "2003"))), acd.dispatch(s, T0.plusSeconds(3), phones));
  }

  @Test
  void fullAndEmptyQueuesRefuseAtTheDoorAndAnAbandonReportsItsPlace() {
    Acd.Setup two = new Acd.Setup("400", QueueStrategy.RINGALL, setup(QueueStrategy.RINGALL).members(),
        Duration.ZERO, Duration.ZERO, 2, false, false);
    assertTrue(acd.join(two, "c1", T0, phones).admitted());
    assertTrue(acd.join(two, "c2", T0, phones).admitted());
    assertEquals(QueueEvent.FULL, acd.join(two, "c3", T0, phones).refusal());
    Acd.Departure gone = acd.leave("c1", T0.plusSeconds(12), Duration.ZERO).orElseThrow();
    assertEquals(new Acd.Departure("400", 1, 1, Duration.ofSeconds(12)), gone);
    assertEquals(1, acd.position("c2"));
    unregistered.addAll(AGENTS);
    assertFalse(acd.staffed(two, phones));
    assertEquals(QueueEvent.JOINEMPTY, acd.join(two, "c4", T0, phones).refusal());
  }

  @Test
  void aCallerNoLongerSeenIsDroppedAndItsMembersAreFreed() {
    Acd.Setup s = setup(QueueStrategy.RINGALL);
    acd.join(s, "gone", T0, phones);
    assertEquals(AGENTS, acd.dispatch(s, T0, phones).get(0).members());
    acd.join(s, "alive", T0.plusSeconds(1), phones);
    acd.seen("alive", T0.plusSeconds(31));
    assertTrue(acd.dispatch(s, T0.plusSeconds(30), phones).isEmpty(), "seen 30 s ago: still waiting, still ringing");
    List<Acd.Offer> offers = acd.dispatch(s, T0.plusSeconds(31), phones);
    assertEquals(List.of(new Acd.Offer("alive", "400", AGENTS)), offers, "the lost caller is gone, its members free");
    assertEquals(0, acd.position("gone"));
  }

  @Test
  void theHoldTimeEstimateFollowsTheWaitsOfAnsweredCallers() {
    Acd.Setup s = setup(QueueStrategy.RINGALL);
    acd.join(s, "c1", T0, phones);
    acd.dispatch(s, T0, phones);
    acd.connected("c1", "2001", T0.plusSeconds(40));
    assertEquals(Duration.ofSeconds(40), acd.estimatedHold("400"));
    acd.leave("c1", T0.plusSeconds(50), Duration.ZERO);
    acd.join(s, "c2", T0.plusSeconds(60), phones);
    acd.dispatch(s, T0.plusSeconds(60), phones);
    acd.connected("c2", "2001", T0.plusSeconds(80));
    assertEquals(Duration.ofSeconds(35), acd.estimatedHold("400"), "(3 x 40 + 20) / 4");
  }
}
