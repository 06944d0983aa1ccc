package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final List<String> INTERNATIONAL_PREFIXES = List.of("00", "+");
  private static final RouteLimits LIMITED = new RouteLimits(false, 2, 10);
  private static final RouteLimits ABROAD = new RouteLimits(true, 0, 0);
  private static final RouteTable.Rule SITE_C = new RouteTable.Rule("site-c",
      List.of(new DialPattern("", "", "3XXX", "")), List.of("direct-c", "hub"), List.of(), LIMITED);
  private static final RouteTable.Rule INTERNATIONAL = new RouteTable.Rule("international",
      List.of(new DialPattern("+", "00", "X.", "")), List.of("provider"), List.of("1001"), ABROAD);
  private static final RouteTable.Rule EVERYTHING_ELSE = new RouteTable.Rule("default",
      List.of(new DialPattern("", "", "X.", "")), List.of("hub"), List.of(), RouteLimits.NATIONAL);
  private static final RouteTable.Rule EVERYTHING_ANYWHERE = new RouteTable.Rule("anywhere",
      List.of(new DialPattern("", "", "X.", "")), List.of("hub"), List.of(), ABROAD);

  @Test
  void theFirstMatchingRouteWinsWithItsTrunksInOrderAndItsLimits() {
    List<RouteTable.Rule> rules = List.of(SITE_C, INTERNATIONAL, EVERYTHING_ELSE);
    assertEquals(Optional.of(new RouteTable.Routed("site-c", "3001", List.of("direct-c", "hub"), LIMITED)),
        choose(rules, "1002", "3001"));
    assertEquals(Optional.of(new RouteTable.Routed("default", "4001", List.of("hub"), RouteLimits.NATIONAL)),
        choose(rules, "1002", "4001"));
    assertEquals(Optional.empty(), choose(List.of(SITE_C), "1002", "4001"));
  }

  @Test
  void aRouteTheCallerMayNotUseIsPassedOverOrForbidden() {
    assertEquals(Optional.of(new RouteTable.Routed("international", "+33123", List.of("provider"), ABROAD)),
        choose(List.of(INTERNATIONAL), "1001", "0033123"));
    assertEquals(Optional.of(new RouteTable.Forbidden("international", "Not Allowed On This Route")),
        choose(List.of(INTERNATIONAL), "1002", "0033123"));
    assertEquals(Optional.of(new RouteTable.Routed("anywhere", "0033123", List.of("hub"), ABROAD)),
        choose(List.of(INTERNATIONAL, EVERYTHING_ANYWHERE), "1002", "0033123"),
        "the next matching route the caller may use");
  }

  @Test
  void internationalNumbersGoOnlyOnRoutesThatAllowThemEvenWhenACatchAllMatches() {
    assertEquals(Optional.of(new RouteTable.Forbidden("default", "International Calls Not Allowed")),
        choose(List.of(EVERYTHING_ELSE), "1001", "0033123"));
    assertEquals(Optional.of(new RouteTable.Routed("anywhere", "0033123", List.of("hub"), ABROAD)),
        choose(List.of(EVERYTHING_ELSE, EVERYTHING_ANYWHERE), "1001", "0033123"));
    assertEquals(Optional.of(new RouteTable.Routed("default", "0133123", List.of("hub"), RouteLimits.NATIONAL)),
        choose(List.of(EVERYTHING_ELSE), "1001", "0133123"), "a national number is not international");
    assertEquals(Optional.of(new RouteTable.Routed("default", "0033123", List.of("hub"), RouteLimits.NATIONAL)),
        RouteTable.choose(List.of(EVERYTHING_ELSE), "1001", "0033123", List.of()),
        "no international prefixes configured: nothing is international");
  }

  private static Optional<RouteTable.Choice> choose(List<RouteTable.Rule> rules, String caller, String dialled) {
    return RouteTable.choose(rules, caller, dialled, INTERNATIONAL_PREFIXES);
  }
}
