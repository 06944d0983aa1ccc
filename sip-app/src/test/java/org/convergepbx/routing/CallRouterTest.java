package org.convergepbx.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class CallRouterTest {
  private static final Duration RING = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofSeconds(15);

  private final Map<String, List<String>> contacts =
      new HashMap<>(Map.of(
          "1001", List.of("sip:1001@10.0.0.1", "sip:1001@10.0.0.2"),
          "1002", List.of(),
          "1003", List.of("sip:1003@10.0.0.3")));
  private final Map<String, GroupPlan> groups = new HashMap<>();
  private final Map<String, FollowMePlan> followMe = new HashMap<>();
  private final Map<String, ForwardPlan> forwards = new HashMap<>();
  private final Map<String, String> blacklist = new HashMap<>();
  private final Map<Integer, String> dayNight = new HashMap<>();
  private final java.util.Set<String> ivrs = new java.util.HashSet<>();
  private final java.util.Set<String> queues = new java.util.HashSet<>();
  private final Map<String, OutboundPlan> outbound = new HashMap<>();
  private final Map<String, String> inbound = new HashMap<>();
  private final CallRouter router = new CallRouter(new MapDialPlan(), RING);

  /** The dial plan of these tests, read from the maps above. */
  private final class MapDialPlan implements DialPlan {
    @Override
    public boolean extensionExists(String number) {
      return contacts.containsKey(number);
    }

    @Override
    public List<String> contactsOf(String extension) {
      return contacts.getOrDefault(extension, List.of());
    }

    @Override
    public Optional<GroupPlan> ringGroup(String number) {
      return Optional.ofNullable(groups.get(number));
    }

    @Override
    public boolean ivrExists(String number) {
      return ivrs.contains(number);
    }

    @Override
    public Optional<OutboundPlan> outbound(String caller, String dialled) {
      return Optional.ofNullable(outbound.get(dialled));
    }

    @Override
    public Optional<Destination> inbound(String did, String caller) {
      return Optional.ofNullable(inbound.get(did)).map(d -> Destination.parse("destination", d));
    }

    @Override
    public boolean queueExists(String number) {
      return queues.contains(number);
    }

    @Override
    public Optional<FollowMePlan> followMe(String extension) {
      return Optional.ofNullable(followMe.get(extension));
    }

    @Override
    public ForwardPlan forwarding(String extension) {
      return forwards.getOrDefault(extension, ForwardPlan.NONE);
    }

    @Override
    public Optional<Destination> dayNight(int index) {
      return Optional.ofNullable(dayNight.get(index)).map(d -> Destination.parse("destination", d));
    }

    @Override
    public Optional<Destination> blacklisted(String caller) {
      return Optional.ofNullable(blacklist.get(caller)).map(d -> Destination.parse("destination", d));
    }
  }

  @Test
  void aNumberThatIsNothingInsideGoesOutOnItsRouteOrIsForbiddenOrNotFound() {
    OutboundPlan.TrunkAttempt hub = new OutboundPlan.TrunkAttempt("hub", "sip:3001@127.0.0.1:5090", null, null, null);
    outbound.put("3001", new OutboundPlan.Routed("sites", "3001", List.of(hub)));
    outbound.put("0033123", new OutboundPlan.Forbidden("international", "International Calls Not Allowed"));
    assertEquals(new CallDecision.Trunks("sites", "3001", List.of(hub), 0), router.route("1001", "3001"));
    assertEquals(new CallDecision.Reject(403, "International Calls Not Allowed"), router.route("1001", "0033123"));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route("1001", "4001"));
    contacts.put("3001", List.of("sip:3001@phone"));
    assertInstanceOf(CallDecision.Ring.class, router.route("1001", "3001"), "an extension of this PBX wins");
  }

  @Test
  void aCallFromATrunkFollowsItsInboundRouteOrElseTheDialPlan() {
    inbound.put("5551000", "extension:1001");
    assertInstanceOf(CallDecision.Ring.class, router.inbound("0612345678", "5551000"));
    OutboundPlan.TrunkAttempt c = new OutboundPlan.TrunkAttempt("c", "sip:3001@127.0.0.1:5092", null, null, null);
    outbound.put("3001", new OutboundPlan.Routed("sites", "3001", List.of(c)));
    assertEquals(new CallDecision.Trunks("sites", "3001", List.of(c), 0), router.inbound("1001", "3001"),
        "a hub sends a number of another site out again");
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.inbound("1001", "9999"));
  }

  @Test
  void aQueueIsDialledOrReachedAsADestinationAndAMissingOneIsNotFound() {
    queues.add("400");
    assertEquals(new CallDecision.Queue("400", 0), router.route("1001", "400"));
    assertEquals(new CallDecision.Queue("400", 2), router.route(new Destination.QueueTarget("400"), 2));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route(new Destination.QueueTarget("401"), 0));
    assertEquals("queue:400", Destination.parse("failover", "Queue:400").text());
  }

  @Test
  void anIvrIsDialledOrReachedAsADestinationAndAMissingOneIsNotFound() {
    ivrs.add("500");
    assertEquals(new CallDecision.Menu("500", 0), router.route("2000", "500"));
    assertEquals(new CallDecision.Menu("500", 2), router.route(new Destination.IvrTarget("500"), 2));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route(new Destination.IvrTarget("501"), 0));
    dayNight.put(1, "ivr:500");
    assertEquals(new CallDecision.Menu("500", 1), router.route(new Destination.DayNightTarget(1), 0),
        "Day/Night's day mode can point to an IVR");
    assertEquals("ivr:500", Destination.parse("d", " IVR:500 ").text());
  }

  @Test
  void registeredExtensionRingsEveryContactForTheRingTime() {
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals("1001", ring.target());
    assertEquals("Dial", ring.app());
    assertEquals("SIP/1001,60", ring.appData());
    assertEquals(CallRouter.EXTENSION_CONTEXT, ring.context());
    assertEquals(
        List.of(new CallDecision.RingStep(
            List.of(new CallDecision.RingTarget("1001", List.of("sip:1001@10.0.0.1", "sip:1001@10.0.0.2"))), RING)),
        ring.steps());
    assertNull(ring.ifNoAnswer());
  }

  @Test
  void extensionWithoutRegistrationIsTemporarilyUnavailable() {
    assertEquals(new CallDecision.Reject(480, "Temporarily Unavailable"), router.route("2000", "1002"));
  }

  @Test
  void unknownNumberIsNotFound() {
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route("2000", "5555"));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route("2000", null));
  }

  @Test
  void aDialledNumberIsAnExtensionOrARingGroup() {
    groups.put("301", group("301", List.of(List.of("1001")), Destination.HANG_UP));
    CallDecision.Ring extension = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals("1001", extension.target());
    assertEquals("Dial", extension.app());
    CallDecision.Ring group = (CallDecision.Ring) router.route("2000", "301");
    assertEquals("301", group.target());
    assertEquals("RingGroup", group.app());
  }

  @Test
  void ringGroupRingsItsStepsSkippingMembersWithoutRegistration() {
    groups.put(
        "301",
        group("301", List.of(List.of("1002"), List.of("1001", "1002"), List.of("1003")), Destination.BUSY));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "301");
    assertEquals("RingGroup", ring.app());
    assertEquals("301,hunt,15", ring.appData());
    assertEquals(CallRouter.RING_GROUP_CONTEXT, ring.context());
    assertEquals("301", ring.ringGroup());
    assertEquals("Sales: ", ring.callerNamePrefix());
    assertEquals(2, ring.steps().size(), "the step of 1002 alone is left out: " + ring.steps());
    assertEquals("1001", ring.steps().get(0).targets().get(0).member());
    assertEquals(1, ring.steps().get(0).targets().size());
    assertEquals("1003", ring.steps().get(1).targets().get(0).member());
    assertEquals(STEP, ring.steps().get(1).ringTime());
    assertEquals(Destination.BUSY, ring.ifNoAnswer());
  }

  @Test
  void ringGroupWithNobodyReachableGoesStraightToItsNoAnswerDestination() {
    groups.put("301", group("301", List.of(List.of("1002")), new Destination.ExtensionTarget("1003")));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "301");
    assertEquals("1003", ring.target());
    assertEquals(1, ring.hops());
  }

  @Test
  void terminatingDestinationsRefuseTheCall() {
    assertEquals(new CallDecision.Reject(486, "Busy Here"), router.route(Destination.BUSY, 1));
    assertEquals(new CallDecision.Reject(480, "Temporarily Unavailable"), router.route(Destination.HANG_UP, 1));
  }

  @Test
  void aChainLongerThanTheHopLimitIsCutAsALoop() {
    groups.put("301", group("301", List.of(List.of("1002")), new Destination.RingGroupTarget("302")));
    groups.put("302", group("302", List.of(List.of("1002")), new Destination.RingGroupTarget("301")));
    assertEquals(new CallDecision.Reject(482, "Loop Detected"), router.route("2000", "301"));
  }

  @Test
  void destinationsReadAndWriteTheirTextForm() {
    for (String text : List.of("extension:1001", "ringgroup:301", "hangup", "busy")) {
      assertEquals(text, Destination.parse("d", text).text());
    }
    assertEquals(new Destination.ExtensionTarget("1001"), Destination.parse("d", " Extension:1001 "));
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> Destination.parse("noAnswer", "queue:1"));
    assertEquals("noAnswer", bad.field());
    assertInstanceOf(InvalidInputException.class,
        assertThrows(InvalidInputException.class, () -> Destination.parse("noAnswer", "extension:12a")));
    assertThrows(InvalidInputException.class, () -> Destination.parse("noAnswer", ""));
  }

  @Test
  void followMeRingsTheExtensionAloneThenTogetherWithTheList() {
    followMe.put("1001", new FollowMePlan("1001", Duration.ofSeconds(5), List.of("1003"), STEP, false, Destination.BUSY, false));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals("FollowMe", ring.app());
    assertEquals(CallRouter.FOLLOW_ME_CONTEXT, ring.context());
    assertEquals("1001,ringall,15", ring.appData());
    assertEquals(2, ring.steps().size());
    assertEquals(List.of("1001"), members(ring.steps().get(0)));
    assertEquals(Duration.ofSeconds(5), ring.steps().get(0).ringTime());
    assertEquals(List.of("1001", "1003"), members(ring.steps().get(1)), "ringall keeps the extension ringing");
    assertEquals(STEP, ring.steps().get(1).ringTime());
    assertEquals(Destination.BUSY, ring.ifNoAnswer());
  }

  @Test
  void confirmCallsAppliesToTheListButNotToTheExtensionItself() {
    followMe.put("1001", new FollowMePlan("1001", Duration.ofSeconds(5), List.of("1003", "1001"), STEP, false,
        Destination.BUSY, true));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertFalse(ring.steps().get(0).targets().get(0).confirm(), "the extension alone answers directly");
    List<CallDecision.RingTarget> together = ring.steps().get(1).targets();
    assertEquals(List.of("1001", "1003"), together.stream().map(CallDecision.RingTarget::member).toList());
    assertFalse(together.get(0).confirm(), "the extension still answers directly");
    assertTrue(together.get(1).confirm(), "a list member must press 1");
  }

  @Test
  void followMeHuntWithoutInitialRingRingsTheListOneByOne() {
    followMe.put(
        "1001", new FollowMePlan("1001", Duration.ZERO, List.of("1003", "1002", "1001"), STEP, true, Destination.HANG_UP, false));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals(2, ring.steps().size(), "1002 has no registration: " + ring.steps());
    assertEquals(List.of("1003"), members(ring.steps().get(0)));
    assertEquals(List.of("1001"), members(ring.steps().get(1)));
  }

  @Test
  void followMeWithNobodyReachableGoesToItsNoAnswerDestination() {
    followMe.put("1002", new FollowMePlan("1002", Duration.ofSeconds(5), List.of("1002"), STEP, false,
        new Destination.ExtensionTarget("1003"), false));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1002");
    assertEquals("1003", ring.target());
    assertEquals("Dial", ring.app());
  }

  @Test
  void doNotDisturbAnswersBusy() {
    forwards.put("1001", new ForwardPlan(null, null, null, true));
    assertEquals(new CallDecision.Reject(486, "Busy Here"), router.route("2000", "1001"));
  }

  @Test
  void unconditionalForwardSendsTheCallOn() {
    forwards.put("1001", new ForwardPlan(new Destination.ExtensionTarget("1003"), null, null, false));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals("1003", ring.target());
    assertEquals(1, ring.hops());
  }

  @Test
  void busyAndNoAnswerForwardsAreTheRingsFallbacks() {
    Destination busy = new Destination.ExtensionTarget("1003");
    Destination noAnswer = new Destination.RingGroupTarget("301");
    forwards.put("1001", new ForwardPlan(null, busy, noAnswer, false));
    CallDecision.Ring ring = (CallDecision.Ring) router.route("2000", "1001");
    assertEquals(busy, ring.ifBusy());
    assertEquals(noAnswer, ring.ifNoAnswer());
  }

  @Test
  void anUnregisteredExtensionWithANoAnswerForwardSendsTheCallThere() {
    forwards.put("1002", new ForwardPlan(null, null, new Destination.ExtensionTarget("1003"), false));
    assertEquals("1003", ((CallDecision.Ring) router.route("2000", "1002")).target());
  }

  @Test
  void forwardingInACircleIsCutAsALoop() {
    forwards.put("1001", new ForwardPlan(new Destination.ExtensionTarget("1003"), null, null, false));
    forwards.put("1003", new ForwardPlan(new Destination.ExtensionTarget("1001"), null, null, false));
    assertEquals(new CallDecision.Reject(482, "Loop Detected"), router.route("2000", "1001"));
  }

  @Test
  void aBlacklistedCallerGoesToTheBlacklistsDestinationWhateverWasDialled() {
    blacklist.put("0999", "busy");
    blacklist.put("0998", "extension:1003");
    assertEquals(new CallDecision.Reject(486, "Busy Here"), router.route("0999", "1001"));
    assertEquals("1003", ((CallDecision.Ring) router.route("0998", "1001")).target());
    assertEquals("1001", ((CallDecision.Ring) router.route("0997", "1001")).target());
  }

  @Test
  void aDayNightControlSendsTheCallToItsCurrentDestination() {
    dayNight.put(1, "extension:1003");
    CallDecision.Ring ring = (CallDecision.Ring) router.route(new Destination.DayNightTarget(1), 0);
    assertEquals("1003", ring.target());
    assertEquals(1, ring.hops());
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route(new Destination.DayNightTarget(2), 0));
  }

  @Test
  void aVoicemailBoxIsTheServerAnsweringForAnExtension() {
    assertEquals(new CallDecision.Voicemail("1002", 3), router.route(new Destination.VoicemailTarget("1002"), 3));
    assertEquals(new CallDecision.Reject(404, "Not Found"), router.route(new Destination.VoicemailTarget("7777"), 0));
    assertEquals(new Destination.VoicemailTarget("1001"), Destination.parse("noAnswer", "voicemail:1001"));
  }

  private static List<String> members(CallDecision.RingStep step) {
    return step.targets().stream().map(CallDecision.RingTarget::member).toList();
  }

  private static GroupPlan group(String number, List<List<String>> steps, Destination ifNoAnswer) {
    return new GroupPlan(number, "hunt", steps, STEP, "Sales: ", ifNoAnswer);
  }
}
