package org.convergepbx.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.app.PbxApplication;
import org.convergepbx.security.AdminService;

/** HTTP Basic authentication of the administrator in front of the whole REST API. */
public final class AdminAuthFilter implements Filter {
  private static final String BASIC = "Basic ";
  private AdminService admins;

  @Override
  public void init(FilterConfig config) {
    admins = PbxApplication.from(config.getServletContext()).admins();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    if (authenticated(req.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    resp.setHeader("WWW-Authenticate", "Basic realm=\"pbx\", charset=\"UTF-8\"");
    ApiResponses.error(resp, 401, null, "administrator credentials required");
  }

  private boolean authenticated(String header) {
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && admins.verify(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
