package org.convergepbx.app;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.convergepbx.common.AddressRule;
import org.convergepbx.trunk.Trunk;
import org.convergepbx.trunk.TrunkService;

/**
 * Whether an address is a configured trunk peer's (its host, or one of its inbound addresses), for the higher
 * flood limit of trunk peers. Asked for every SIP request, so the trunks are read at most every
 * {@value #REFRESH_MILLIS} ms, not per request.
 */
final class TrunkPeers implements Predicate<String> {
  static final long REFRESH_MILLIS = 5000;

  private record Snapshot(long at, Set<String> hosts, List<AddressRule> rules) {}

  private final TrunkService trunks;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Set.of(), List.of());

  TrunkPeers(TrunkService trunks, Clock clock) {
    this.trunks = trunks;
    this.clock = clock;
  }

  @Override
  public boolean test(String address) {
    Snapshot s = current();
    return s.hosts().contains(address) || s.rules().stream().anyMatch(r -> r.matches(address, 0));
  }

  /** {@code 192.0.2.1:5061} as {@code 192.0.2.1}: every port of a peer's address gets the peer's limit. */
  private static String withoutPort(String entry) {
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    long now = clock.millis();
    if (now - s.at() < REFRESH_MILLIS && s.at() != Long.MIN_VALUE) {
      return s;
    }
    List<Trunk> all = trunks.list();
    Set<String> hosts = all.stream().map(t -> t.settings().host()).collect(Collectors.toUnmodifiableSet());
    List<AddressRule> rules = all.stream()
        .flatMap(t -> t.settings().inboundAddresses().stream())
        .map(TrunkPeers::withoutPort)
        .map(AddressRule::parse)
        .toList();
    Snapshot fresh = new Snapshot(now, hosts, rules);
    snapshot = fresh;
    return fresh;
  }
}
