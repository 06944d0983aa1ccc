package org.convergepbx.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FinalAnswerTest {
  private static final FinalAnswer NOT_FOUND = new FinalAnswer(404, "Not Found");
  private static final FinalAnswer BUSY = new FinalAnswer(486, "Busy Here");
  private static final FinalAnswer DECLINE = new FinalAnswer(603, "Decline");
  private static final FinalAnswer SERVER_ERROR = new FinalAnswer(500, "Server Internal Error");
  private static final FinalAnswer TIMEOUT = new FinalAnswer(408, "Request Timeout");

  @Test
  void noLegAtAllIsUnavailable() {
    assertEquals(FinalAnswer.UNAVAILABLE, FinalAnswer.best(List.of()));
  }

  @Test
  void aGlobalFailureWinsOutright() {
    assertEquals(DECLINE, FinalAnswer.best(List.of(BUSY, DECLINE, NOT_FOUND)));
  }

  @Test
  void busyIsToldBeforeOtherClientErrors() {
    assertEquals(BUSY, FinalAnswer.best(List.of(TIMEOUT, BUSY, NOT_FOUND)));
  }

  @Test
  void theLowestClassWinsAndTheFirstOfItAmongEquals() {
    assertEquals(TIMEOUT, FinalAnswer.best(List.of(SERVER_ERROR, TIMEOUT, NOT_FOUND)));
  }

  @Test
  void aSingleLegsAnswerIsPassedOn() {
    assertEquals(SERVER_ERROR, FinalAnswer.best(List.of(SERVER_ERROR)));
  }
}
