package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrunkChannelsTest {
  @Test
  void aCallCountsOnItsCurrentTrunkUntilItEnds() {
    TrunkChannels channels = new TrunkChannels();
    channels.take("call-1", "dead");
    channels.take("call-1", "hub");
    assertEquals(0, channels.inUse("dead"), "failed over: no longer on the first trunk");
    assertEquals(1, channels.inUse("hub"));
    channels.take("call-2", "hub");
    assertTrue(channels.full("hub", 2));
    assertFalse(channels.full("hub", 0), "0 is no limit");
    channels.release("call-1");
    channels.release("call-1");
    assertEquals(1, channels.inUse("hub"));
    assertFalse(channels.full("hub", 2));
  }
}
