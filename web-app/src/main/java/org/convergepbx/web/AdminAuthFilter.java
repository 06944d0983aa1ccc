package org.convergepbx.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.convergepbx.security.LoginThrottle;
import org.convergepbx.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication in front of the whole REST API, its lockout, and its authorisation (least
 * privilege): administrators may do everything; managers may only read reports and live views ({@code GET} under
 * {@code /api/v1/cdr} and {@code /api/v1/calls}, the queues' reports and live views) and get 403 for anything
 * else; an extension's owner (number and SIP secret) may use their own mailbox under
 * {@code /api/v1/voicemail/{number}/} and nothing else.
 *
 * <p>Lockout ({@link LoginThrottle}): a user name or a source address with too many failed logins gets 429 with
 * Retry-After until its lock ends, without its password being checked, so even the right one is refused. A
 * request without credentials is no failed login (401 with the Basic challenge).
 */
public final class AdminAuthFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(AdminAuthFilter.class);
  private static final String BASIC = "Basic ";
  private static final String VOICEMAIL = "/api/v1/voicemail/";
  private AdminService admins;
  private ExtensionService extensions;
  private LoginThrottle logins;

  @Override
  public void init(FilterConfig config) {
    PbxApplication app = PbxApplication.from(config.getServletContext());
    admins = app.admins();
    extensions = app.extensions();
    logins = app.logins();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    String[] credentials = basic(req.getHeader("Authorization"));
    if (credentials == null) {
      resp.setHeader("WWW-Authenticate", "Basic realm=\"pbx\", charset=\"UTF-8\"");
      ApiResponses.error(resp, 401, null, "credentials required");
      return;
    }
    String user = credentials[0];
    String address = req.getRemoteAddr();
    Optional<Duration> locked = logins.lockedFor(user, address);
    if (locked.isPresent()) {
      long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
      resp.setHeader("Retry-After", String.valueOf(seconds));
      ApiResponses.error(resp, 429, null, "too many failed logins; try again in " + seconds + " s");
      return;
    }
    Optional<Role> role = admins.authenticate(user, credentials[1]);
    if (role.isEmpty() && ownMailbox(req, user, credentials[1])) {
      logins.succeeded(user);
      new ApiUser(user, "extension").attachTo(req);
      chain.doFilter(request, response);
      return;
    }
    if (role.isEmpty()) {
      refuse(user, address, resp);
      return;
    }
    logins.succeeded(user);
    new ApiUser(user, role.get().label()).attachTo(req);
    if (role.get() == Role.MANAGER && !managerMayRead(req)) {
      ApiResponses.error(resp, 403, null, "managers may only read reports and live calls");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(String user, String address, HttpServletResponse resp) throws IOException {
    logins.failed(user, address);
    if (logins.lockedFor(user, address).isPresent()) {
      LOG.warn("HTTP logins as '{}' or from {} locked after repeated failures", user, address);
    } else {
      LOG.info("Failed HTTP login as '{}' from {}", user, address);
    }
    resp.setHeader("WWW-Authenticate", "Basic realm=\"pbx\", charset=\"UTF-8\"");
    ApiResponses.error(resp, 401, null, "credentials required");
  }

  private static boolean managerMayRead(HttpServletRequest req) {
    String path = ApiPaths.of(req);
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
  private boolean ownMailbox(HttpServletRequest req, String user, String password) {
    return ApiPaths.of(req).startsWith(VOICEMAIL + user + "/") && extensions.checkSecret(user, password);
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
