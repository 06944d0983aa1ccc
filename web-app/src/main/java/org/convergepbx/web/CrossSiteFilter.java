package org.convergepbx.web;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Refuses (403) state-changing API requests that come from another site; the rule is {@link CrossSiteCheck}'s. */
public final class CrossSiteFilter implements Filter {
  @Override
  public void init(FilterConfig config) {
    // nothing to configure
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (ApiPaths.changesState(req)) {
      Optional<String> refusal =
          CrossSiteCheck.refusal(
              req.getHeader("Host"), req.getHeader("Origin"), req.getHeader("Referer"),
              req.getHeader(CrossSiteCheck.MARK));
      if (refusal.isPresent()) {
        ApiResponses.error((HttpServletResponse) response, 403, null, refusal.get());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
