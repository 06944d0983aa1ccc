package org.convergepbx.trunk;

import java.util.List;
import java.util.Optional;

/**
 * The choice of an outbound route for a dialled number (pure). Routes are tried in order; the first whose
 * patterns match the number (and the caller's number, for a pattern with a caller-ID part) and that the caller
 * may use wins. A route the caller may not use is passed over; if no other matches, the call is forbidden.
 */
public final class RouteTable {
  private RouteTable() {}

  /**
   * A route as the choice needs it.
   *
   * @param allowedExtensions who may use the route (empty: everyone)
   */
  public record Rule(String name, List<DialPattern> patterns, List<String> trunks, List<String> allowedExtensions) {
    public Rule {
      patterns = List.copyOf(patterns);
      trunks = List.copyOf(trunks);
      allowedExtensions = List.copyOf(allowedExtensions);
    }

    boolean allows(String caller) {
      return allowedExtensions.isEmpty() || allowedExtensions.contains(caller);
    }
  }

  /** What becomes of a dialled number. */
  public sealed interface Choice {}

  /** Send {@code number} on the route's trunks, in order. */
  public record Routed(String route, String number, List<String> trunks) implements Choice {
    public Routed {
      trunks = List.copyOf(trunks);
    }
  }

  /** A route matched, but the caller may use none that matches. */
  public record Forbidden(String route) implements Choice {}

  /** The route for {@code dialled} from {@code caller}, if any matches; rules in their order. */
  public static Optional<Choice> choose(List<Rule> rules, String caller, String dialled) {
    Forbidden forbidden = null;
    for (Rule rule : rules) {
      for (DialPattern pattern : rule.patterns()) {
        Optional<String> number = pattern.apply(dialled, caller);
        if (number.isEmpty()) {
          continue;
        }
        if (!rule.allows(caller)) {
          forbidden = forbidden == null ? new Forbidden(rule.name()) : forbidden;
          break;
        }
        return Optional.of(new Routed(rule.name(), number.get(), rule.trunks()));
      }
    }
    return Optional.ofNullable(forbidden);
  }
}
