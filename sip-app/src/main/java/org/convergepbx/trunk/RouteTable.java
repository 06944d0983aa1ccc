package org.convergepbx.trunk;

import java.util.List;
import java.util.Optional;

/**
 * The choice of an outbound route for a dialled number (pure). Routes are tried in order; the first whose
 * patterns match the number (and the caller's number, for a pattern with a caller-ID part) and that the caller
 * may use wins. A route the caller may not use is passed over, and so is a route that does not allow
 * international numbers when the number dialled is one; if no other matches, the call is forbidden.
 */
public final class RouteTable {
  private RouteTable() {}

  /**
   * A route as the choice needs it.
   *
   * @param allowedExtensions who may use the route (empty: everyone)
   */
  public record Rule(
      String name, List<DialPattern> patterns, List<String> trunks, List<String> allowedExtensions,
      RouteLimits limits) {
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

  /** Send {@code number} on the route's trunks, in order, within the route's limits. */
  public record Routed(String route, String number, List<String> trunks, RouteLimits limits) implements Choice {
    public Routed {
      trunks = List.copyOf(trunks);
    }
  }

  /** A route matched, but the caller may use none that matches ({@code why} says what stood in the way). */
  public record Forbidden(String route, String why) implements Choice {}

  /**
   * The route for {@code dialled} from {@code caller}, if any matches; rules in their order.
   *
   * @param internationalPrefixes the dialled numbers beginning with one of these are international
   */
  public static Optional<Choice> choose(
      List<Rule> rules, String caller, String dialled, List<String> internationalPrefixes) {
    boolean international = internationalPrefixes.stream().anyMatch(p -> !p.isEmpty() && dialled.startsWith(p));
    Forbidden forbidden = null;
    for (Rule rule : rules) {
      for (DialPattern pattern : rule.patterns()) {
        Optional<String> number = pattern.apply(dialled, caller);
        if (number.isEmpty()) {
          continue;
        }
        String why = !rule.allows(caller) ? "Not Allowed On This Route"
            : international && !rule.limits().international() ? "International Calls Not Allowed" : null;
        if (why != null) {
          forbidden = forbidden == null ? new Forbidden(rule.name(), why) : forbidden;
          break;
        }
        return Optional.of(new Routed(rule.name(), number.get(), rule.trunks(), rule.limits()));
      }
    }
    return Optional.ofNullable(forbidden);
  }
}
