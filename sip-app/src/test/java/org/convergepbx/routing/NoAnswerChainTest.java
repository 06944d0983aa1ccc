package org.convergepbx.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.convergepbx.common.InvalidInputException;
import org.junit.jupiter.api.Test;

class NoAnswerChainTest {
  private static final Destination GROUP_301 = new Destination.RingGroupTarget("301");
  private static final Destination GROUP_302 = new Destination.RingGroupTarget("302");
  private static final Destination EXT_1001 = new Destination.ExtensionTarget("1001");

  @Test
  void aChainThatEndsIsAccepted() {
    Map<Destination, Destination> stored = Map.of(GROUP_302, EXT_1001);
    assertDoesNotThrow(
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> Optional.ofNullable(stored.get(d))));
  }

  @Test
  void aChainBackToTheOwnerIsRefusedWithTheWholeChain() {
    Map<Destination, Destination> stored = Map.of(GROUP_302, EXT_1001, EXT_1001, GROUP_301);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> Optional.ofNullable(stored.get(d))));
    assertEquals("noAnswer", e.field());
    assertTrue(e.getMessage().contains("ringgroup:301 -> ringgroup:302 -> extension:1001 -> ringgroup:301"), e.getMessage());
  }

  @Test
  void pointingAtItselfIsALoop() {
    assertThrows(
        InvalidInputException.class,
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_301, d -> Optional.empty()));
  }

  @Test
  void aLoopFurtherDownTheChainIsRefusedToo() {
    Map<Destination, Destination> stored = Map.of(GROUP_302, EXT_1001, EXT_1001, GROUP_302);
    assertThrows(
        InvalidInputException.class,
        () -> NoAnswerChain.refuseLoops("noAnswer", GROUP_301, GROUP_302, d -> Optional.ofNullable(stored.get(d))));
  }
}
