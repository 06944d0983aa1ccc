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
import org.convergepbx.extension.ExtensionService;
import org.convergepbx.security.AdminService;
import org.convergepbx.security.Role;

/**
 * HTTP Basic authentication in front of the whole REST API, and its authorisation: administrators may do
 * everything; managers may only read reports and live views ({@code GET} under {@code /api/v1/cdr} and
 * {@code /api/v1/calls}, the queues' reports and live views) and get 403 for anything else; an extension's owner (number and SIP secret) may use
 * their own mailbox under {@code /api/v1/voicemail/{number}/}.
 */
public final class AdminAuthFilter implements Filter {
  private static final String BASIC = "Basic ";
  private static final String VOICEMAIL = "/api/v1/voicemail/";
  private AdminService admins;
  private ExtensionService extensions;

  @Override
  public void init(FilterConfig config) {
    admins = PbxApplication.from(config.getServletContext()).admins();
    extensions = PbxApplication.from(config.getServletContext()).extensions();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    Optional<Role> role = authenticated(req.getHeader("Authorization"));
    if (role.isEmpty() && ownMailbox(req)) {
      chain.doFilter(request, response);
      return;
    }
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
    return reading && (path.startsWith("/api/v1/cdr") || path.startsWith("/api/v1/calls") || queueFigures(path));
  }

  /** The queues' reports, logs and live views ({@code /api/v1/queues/report...}, {@code /api/v1/queues[/N]/live}, ...). */
  private static boolean queueFigures(String path) {
    return path.startsWith("/api/v1/queues/report") || path.equals("/api/v1/queues/live")
        || path.matches("/api/v1/queues/[0-9]+/(live|log)");
  }

  /**
   * An extension's owner, with the extension's number and SIP secret, may read and delete the messages of their
   * own mailbox ({@code /api/v1/voicemail/{number}/...}) and nothing else.
   */
  private boolean ownMailbox(HttpServletRequest req) {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    String[] credentials = basic(req.getHeader("Authorization"));
    return credentials != null
        && path.startsWith(VOICEMAIL + credentials[0] + "/")
        && extensions.checkSecret(credentials[0], credentials[1]);
  }

  private Optional<Role> authenticated(String header) {
    String[] credentials = basic(header);
    return credentials == null ? Optional.empty() : admins.authenticate(credentials[0], credentials[1]);
  }

  /** User and password of a Basic Authorization header, or null. */
  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 ? new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)} : null;
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
