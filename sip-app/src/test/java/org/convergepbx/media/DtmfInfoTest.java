package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DtmfInfoTest {
  @Test
  void dtmfRelayBodiesGiveTheirSignal() {
    assertEquals(Optional.of('5'), DtmfInfo.key("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    assertEquals(Optional.of('#'), DtmfInfo.key("Application/DTMF-Relay; charset=x", "signal= #\nDuration=100"));
    assertEquals(Optional.of('*'), DtmfInfo.key("application/dtmf-relay", "Signal=10\r\n"), "10 is star");
    assertEquals(Optional.of('#'), DtmfInfo.key("application/dtmf-relay", "Signal=11\r\n"), "11 is pound");
    assertEquals(Optional.of('A'), DtmfInfo.key("application/dtmf-relay", "Signal=a\r\n"));
  }

  @Test
  void plainDtmfBodiesAreTheKeyAlone() {
    assertEquals(Optional.of('1'), DtmfInfo.key("application/dtmf", "1\r\n"));
  }

  @Test
  void anythingElseIsNoKey() {
    assertEquals(Optional.empty(), DtmfInfo.key("application/dtmf-relay", "Duration=160\r\n"));
    assertEquals(Optional.empty(), DtmfInfo.key("application/dtmf-relay", "Signal=12\r\n"));
    assertEquals(Optional.empty(), DtmfInfo.key("application/dtmf-relay", "Signal=x\r\n"));
    assertEquals(Optional.empty(), DtmfInfo.key("text/plain", "1"));
    assertEquals(Optional.empty(), DtmfInfo.key(null, "1"));
    assertEquals(Optional.empty(), DtmfInfo.key("application/dtmf", null));
  }
}
