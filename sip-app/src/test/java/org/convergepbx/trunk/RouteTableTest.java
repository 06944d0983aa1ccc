package org.convergepbx.trunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final RouteTable.Rule SITE_C =
      new RouteTable.Rule("site-c", List.of(new DialPattern("", "", "3XXX", "")), List.of("direct-c", "hub"), List.of());
  private static final RouteTable.Rule INTERNATIONAL = new RouteTable.Rule(
      "international", List.of(new DialPattern("+", "00", "X.", "")), List.of("provider"), List.of("1001"));
  private static final RouteTable.Rule EVERYTHING_ELSE =
      new RouteTable.Rule("default", List.of(new DialPattern("", "", "X.", "")), List.of("hub"), List.of());

  @Test
  void theFirstMatchingRouteWinsWithItsTrunksInOrder() {
    List<RouteTable.Rule> rules = List.of(SITE_C, INTERNATIONAL, EVERYTHING_ELSE);
    assertEquals(Optional.of(new RouteTable.Routed("site-c", "3001", List.of("direct-c", "hub"))),
        RouteTable.choose(rules, "1002", "3001"));
    assertEquals(Optional.of(new RouteTable.Routed("default", "4001", List.of("hub"))),
        RouteTable.choose(rules, "1002", "4001"));
    assertEquals(Optional.empty(), RouteTable.choose(List.of(SITE_C), "1002", "4001"));
  }

  @Test
  void aRouteTheCallerMayNotUseIsPassedOverOrForbidden() {
    assertEquals(Optional.of(new RouteTable.Routed("international", "+33123", List.of("provider"))),
        RouteTable.choose(List.of(INTERNATIONAL), "1001", "0033123"));
    assertEquals(Optional.of(new RouteTable.Forbidden("international")),
        RouteTable.choose(List.of(INTERNATIONAL), "1002", "0033123"));
    assertEquals(Optional.of(new RouteTable.Routed("default", "0033123", List.of("hub"))),
        RouteTable.choose(List.of(INTERNATIONAL, EVERYTHING_ELSE), "1002", "0033123"),
        "the next matching route the caller may use");
  }
}
