package org.convergepbx.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
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
import org.convergepbx.security.Role;

/**
 * HTTP Basic authentication in front of the whole REST API, and its authorisation: administrators may do
 * everything; managers may only read reports and live views ({@code GET} under {@code /api/v1/cdr} and
 * {@code /api/v1/calls}) and get 403 for anything else.
 */
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
    Optional<Role> role = authenticated(req.getHeader("Authorization"));
    if (role.isEmpty()) {
      resp.setHeader("WWW-Authenticate", "Basic realm=\"pbx\", charset=\"UTF-8\"");
      ApiResponses.error(resp, 401, null, "credentials required");
      return;
    }
    if (role.get() == Role.MANAGER && !managerMayRead(req)) {
      ApiResponses.error(resp, 403, null, "managers may only read reports and live calls");
      return;
    }
    req.setAttribute(ROLE_ATTRIBUTE, role.get());
    chain.doFilter(request, response);
  }

  /** The request attribute holding the authenticated user's {@link Role}. */
  static final String ROLE_ATTRIBUTE = Role.class.getName();

  private static boolean managerMayRead(HttpServletRequest req) {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    boolean reading = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
    return reading && (path.startsWith("/api/v1/cdr") || path.startsWith("/api/v1/calls"));
  }

  private Optional<Role> authenticated(String header) {
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon > 0
        ? admins.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1))
        : Optional.empty();
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
