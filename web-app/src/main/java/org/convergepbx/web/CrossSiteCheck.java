package org.convergepbx.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a state-changing request comes from the PBX's own pages or from a non-browser client, not from another
 * site (CSRF). A browser sends the Basic credentials it holds for the PBX with a cross-site form post, so such a
 * request must be told apart by what only a browser adds:
 *
 * <ul>
 *   <li>{@code Origin}, if present, must name this server (its host and port as in {@code Host}); {@code null}
 *       is refused;
 *   <li>else {@code Referer}, if present, must name this server;
 *   <li>a request carrying either (a browser's) must also carry {@code X-Requested-With}, which the pages send
 *       and which another site cannot add to a form post, nor to a fetch without a CORS preflight this server
 *       never approves;
 *   <li>a request with neither {@code Origin} nor {@code Referer} is not a browser's (browsers send
 *       {@code Origin} with every POST, PUT, PATCH and DELETE) and is accepted: curl and scripts need nothing
 *       more than their credentials.
 * </ul>
 */
final class CrossSiteCheck {
  static final String MARK = "X-Requested-With";

  private CrossSiteCheck() {}

  /**
   * @return why the request is refused, or empty when it may go on
   */
  static Optional<String> refusal(String host, String origin, String referer, String requestedWith) {
    if (origin != null) {
      if (!sameAuthority(origin, host)) {
        return Optional.of("cross-site request refused: Origin " + origin + " is not this server");
      }
    } else if (referer != null && !sameAuthority(referer, host)) {
      return Optional.of("cross-site request refused: Referer is not this server");
    }
    if ((origin != null || referer != null) && (requestedWith == null || requestedWith.isBlank())) {
      return Optional.of("a browser's request must come from the PBX's pages: header " + MARK + " missing");
    }
    return Optional.empty();
  }

  /** Whether the URL's host and port are the Host header's (default ports left out on both sides). */
  private static boolean sameAuthority(String url, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        return false;
      }
      String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return authority.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
