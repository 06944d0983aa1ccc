package org.convergepbx.security;

import java.util.ArrayList;
import java.util.List;
import org.convergepbx.common.AddressRule;

/**
 * The sources that are never banned nor rate-limited: the operators' networks and the trunk peers they trust, from
 * {@code PBX_SECURITY_ALLOW} (addresses and CIDR blocks).
 */
public final class AllowList {
  private final List<AddressRule> rules;

  private AllowList(List<AddressRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The allow-list of a comma-separated setting value ({@code 192.0.2.0/24, 2001:db8::1}).
   *
   * @throws IllegalArgumentException naming the entry that is not an address or CIDR block
   */
  public static AllowList parse(String value) {
    List<AddressRule> rules = new ArrayList<>();
    if (value != null) {
      for (String entry : value.split(",")) {
        String e = entry.trim();
        if (e.isEmpty()) {
          continue;
        }
        try {
          rules.add(AddressRule.parse(e));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("PBX_SECURITY_ALLOW: '" + e + "' is not an address or CIDR block", ex);
        }
      }
    }
    return new AllowList(rules);
  }

  /** True if requests from {@code address} are never banned. */
  public boolean covers(String address) {
    return rules.stream().anyMatch(r -> r.matches(address, 0));
  }
}
