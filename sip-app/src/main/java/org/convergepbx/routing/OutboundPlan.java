package org.convergepbx.routing;

import java.util.List;
import org.convergepbx.security.CallLimit;

/** What the outbound routes make of a dialled number, as the router needs it. */
public sealed interface OutboundPlan {
  /**
   * Send {@code number} on these trunks, tried in order (none: every trunk of the route is down), within the
   * route's call limit.
   */
  record Routed(String route, String number, List<TrunkAttempt> attempts, CallLimit limit) implements OutboundPlan {
    public Routed {
      attempts = List.copyOf(attempts);
    }

    /** A route without call limits. */
    public Routed(String route, String number, List<TrunkAttempt> attempts) {
      this(route, number, attempts, CallLimit.none("route:" + route));
    }
  }

  /** A route matches but the caller may not use it ({@code why}: the reason phrase of the 403). */
  record Forbidden(String route, String why) implements OutboundPlan {}

  /**
   * One trunk of a route, ready to be called.
   *
   * @param uri the number at the peer ({@code sip:number@host:port})
   * @param username the user the PBX authenticates as if the peer challenges (null: none)
   * @param secret that user's password
   * @param callerId the caller number to send instead of the caller's own (null: the caller's)
   */
  record TrunkAttempt(String trunk, String uri, String username, String secret, String callerId) {}
}
