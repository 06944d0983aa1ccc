package org.convergepbx.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class NoAnswerChainTest {
  private static final Destination GROUP_301 = new Destination.RingGroupTarget("301");
  private static final Destination GROUP_302 = new Destination.RingGroupTarget("302");
  private static final Destination EXT_1001 = new Destination.ExtensionTarget("1001");
  private static final Destination DAY_NIGHT_1 = new Destination.DayNightTarget(1);

  @Test
  void aChainThatEndsIsAccepted() {
    Map<Destination, List<Destination>> stored = Map.of(GROUP_302, List.of(EXT_1001));
    assertDoesNotThrow(
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> stored.getOrDefault(d, List.of())));
  }

  @Test
  void aChainBackToTheOwnerIsRefusedWithThePath() {
    Map<Destination, List<Destination>> stored =
        Map.of(GROUP_302, List.of(EXT_1001), EXT_1001, List.of(GROUP_301));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> stored.getOrDefault(d, List.of())));
    assertEquals("noAnswer", e.field());
    assertTrue(
        e.getMessage().contains("ringgroup:301 -> ringgroup:302 -> extension:1001 -> ringgroup:301"), e.getMessage());
  }

  @Test
  void pointingAtItselfIsALoop() {
    assertThrows(
        InvalidInputException.class, () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_301, d -> List.of()));
  }

  @Test
  void eitherModeOfADayNightControlCanCloseALoop() {
    Map<Destination, List<Destination>> stored = Map.of(DAY_NIGHT_1, List.of(EXT_1001, GROUP_301));
    assertThrows(
        InvalidInputException.class,
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, DAY_NIGHT_1, d -> stored.getOrDefault(d, List.of())));
  }

  @Test
  void aLoopElsewhereDoesNotHangTheSearch() {
    Map<Destination, List<Destination>> stored = Map.of(GROUP_302, List.of(EXT_1001), EXT_1001, List.of(GROUP_302));
    assertDoesNotThrow(
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> stored.getOrDefault(d, List.of())));
  }
}
