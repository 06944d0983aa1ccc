package org.convergepbx.web;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Security headers on every response of the web application, set before anything else runs (so refusals and
 * error pages carry them too): a content security policy allowing the application's own origin only (the pages
 * load no script, style or font from elsewhere, and no inline code; images may also be data: URLs, as the page's
 * empty icon), no MIME sniffing, no framing, no Referer to
 * other sites, {@code Cache-Control: no-store} on the API, and HSTS on requests that arrived over TLS.
 */
public final class SecurityHeadersFilter implements Filter {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
          + "frame-ancestors 'none'";
  static final String HSTS = "max-age=31536000";

  @Override
  public void init(FilterConfig config) {
    // nothing to configure
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Referrer-Policy", "no-referrer");
    if (ApiPaths.of(req).startsWith("/api/")) {
      resp.setHeader("Cache-Control", "no-store");
    }
    if (req.isSecure()) {
      resp.setHeader("Strict-Transport-Security", HSTS);
    }
    chain.doFilter(request, response);
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
