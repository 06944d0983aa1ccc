package org.convergepbx.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * In front of everything the web application serves: security headers on every response (a content security
 * policy of this origin only, no framing, no MIME sniffing, no referrer; no caching of the API; HSTS on HTTPS),
 * and the cross-site request check of state-changing requests. A browser sends {@code Origin} (and
 * {@code Sec-Fetch-Site}) with every POST, PUT, PATCH and DELETE; one that comes from another site is refused with
 * 403 before it is authenticated, so a page elsewhere cannot use credentials the browser remembers. API clients
 * such as curl send neither header and are not affected.
 */
public final class SecurityHeadersFilter implements Filter {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  public void init(FilterConfig config) {
    // nothing to set up
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    resp.setHeader("Content-Security-Policy", CSP);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Referrer-Policy", "no-referrer");
    if (req.isSecure()) {
      resp.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (path.startsWith("/api/") || path.equals("/metrics")) {
      resp.setHeader("Cache-Control", "no-store");
    }
    if (!SAFE.contains(req.getMethod()) && crossSite(req)) {
      ApiResponses.error(resp, 403, null,
          "cross-site request refused: " + req.getMethod() + " from " + req.getHeader("Origin"));
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * True if a browser says the request comes from another site: {@code Sec-Fetch-Site} is {@code cross-site} or
   * {@code same-site}, or {@code Origin} names another scheme, host or port than the request's own.
   */
  static boolean crossSite(HttpServletRequest req) {
    String site = req.getHeader("Sec-Fetch-Site");
    if ("cross-site".equals(site) || "same-site".equals(site)) {
      return true;
    }
    String origin = req.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    try {
      URI o = new URI(origin);
      int port = o.getPort() != -1 ? o.getPort() : "https".equals(o.getScheme()) ? 443 : 80;
      return !req.getScheme().equalsIgnoreCase(o.getScheme())
          || !req.getServerName().equalsIgnoreCase(o.getHost())
          || req.getServerPort() != port;
    } catch (URISyntaxException e) {
      return true;
    }
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
