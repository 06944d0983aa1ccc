package org.convergepbx.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureCodeTest {
  @Test
  void codesThatTakeANumberReadIt() {
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_ALL, "1002")), FeatureCode.parse("*721002"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_BUSY, "1003")), FeatureCode.parse("*901003"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_NO_ANSWER, "301")), FeatureCode.parse("*52301"));
  }

  @Test
  void codesThatTakeNoneStandAlone() {
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_ALL_OFF, null)), FeatureCode.parse("*73"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_BUSY_OFF, null)), FeatureCode.parse("*91"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.FORWARD_NO_ANSWER_OFF, null)), FeatureCode.parse("*53"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.DND_ON, null)), FeatureCode.parse("*78"));
    assertEquals(Optional.of(new FeatureCode(FeatureCode.Kind.DND_OFF, null)), FeatureCode.parse("*79"));
  }

  @Test
  void incompleteOrUnknownCodesAreNone() {
    for (String dialled : new String[] {"*72", "*731002", "*781", "*99", "*72abc", "72 1002", "*721", "", "1002"}) {
      assertEquals(Optional.empty(), FeatureCode.parse(dialled), dialled);
    }
    assertEquals(Optional.empty(), FeatureCode.parse(null));
  }

  @Test
  void aStarMarksAnAttemptedCode() {
    assertTrue(FeatureCode.looksLikeOne("*99"));
    assertFalse(FeatureCode.looksLikeOne("1002"));
    assertFalse(FeatureCode.looksLikeOne(null));
  }
}
