package org.convergepbx.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRuleTest {
  @Test
  void anAddressAnAddressWithPortAndCidrBlocks() {
    assertTrue(AddressRule.parse("192.0.2.10").matches("192.0.2.10", 5060));
    assertFalse(AddressRule.parse("192.0.2.10").matches("192.0.2.11", 5060));
    assertTrue(AddressRule.parse("127.0.0.1:5081").matches("127.0.0.1", 5081));
    assertFalse(AddressRule.parse("127.0.0.1:5081").matches("127.0.0.1", 5082), "another server on the same host");
    assertTrue(AddressRule.parse("192.0.2.0/24").matches("192.0.2.200", 5060));
    assertFalse(AddressRule.parse("192.0.2.0/24").matches("192.0.3.1", 5060));
    assertTrue(AddressRule.parse("10.0.0.0/12").matches("10.15.255.1", 1));
    assertFalse(AddressRule.parse("10.0.0.0/12").matches("10.16.0.1", 1));
    assertTrue(AddressRule.parse("2001:db8::/32").matches("2001:db8:1::5", 5060));
    assertFalse(AddressRule.parse("2001:db8::/32").matches("192.0.2.1", 5060));
    assertFalse(AddressRule.parse("192.0.2.10").matches("peer.example.org", 5060), "no DNS");
  }

  @Test
  void onlyWholeDottedQuadsAreIpv4Addresses() {
    for (String bad : new String[] {"1.2.3", "256.1.1.1", "1.2.3.4.5", "1..2.3", "1.2.3.", ".1.2.3", "1.2.3.x", ""}) {
      assertThrows(IllegalArgumentException.class, () -> AddressRule.parse(bad), bad);
      assertFalse(AddressRule.parse("0.0.0.0/0").matches(bad, 5060), bad);
    }
    assertTrue(AddressRule.parse("0.0.0.0/0").matches("255.255.255.255", 5060));
  }
}
