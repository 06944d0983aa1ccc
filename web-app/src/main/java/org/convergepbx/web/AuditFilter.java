package org.convergepbx.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.convergepbx.app.PbxApplication;
import org.convergepbx.audit.AuditEvent;
import org.convergepbx.audit.AuditService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of configuration changes: every state-changing API request (POST, PUT, PATCH, DELETE) of an
 * authenticated user is recorded once answered, made or refused (403 for want of permission, 400 for bad input,
 * 413, ...), with who, what and the status; requests without valid credentials (401, 429) are not, so that
 * nobody without an account can fill the log (failed logins go to the server log). Mapped before
 * {@link AdminAuthFilter}, which names the user; the body is read through a tee that keeps its first
 * {@link #CAPTURE} bytes for {@link AuditSummary}, which redacts its secrets.
 */
public final class AuditFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
  static final int CAPTURE = 16 * 1024;
  private AuditService audit;

  @Override
  public void init(FilterConfig config) {
    audit = PbxApplication.from(config.getServletContext()).audit();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    if (!ApiPaths.changesState(req)) {
      chain.doFilter(request, response);
      return;
    }
    Tee tee = new Tee(req);
    HttpServletResponse resp = (HttpServletResponse) response;
    int status = 500;
    try {
      chain.doFilter(tee, response);
      status = resp.getStatus();
    } finally {
      record(req, resp, tee, status);
    }
  }

  private void record(HttpServletRequest req, HttpServletResponse resp, Tee tee, int status) {
    ApiUser user = ApiUser.of(req);
    if (user == null) {
      return;
    }
    try {
      String summary = AuditSummary.of(req.getContentType(), tee.captured(), tee.total(req));
      String location = resp.getHeader("Location");
      if (location != null) {
        summary = (summary.isEmpty() ? "" : summary + " ") + "-> " + location;
      }
      audit.record(
          new AuditEvent(user.name(), user.role(), req.getRemoteAddr(), req.getMethod(), ApiPaths.of(req), status,
              summary));
    } catch (RuntimeException e) {
      LOG.error("Could not record in the audit log: {} {} by {} -> {}: {}", req.getMethod(), ApiPaths.of(req),
          user.name(), status, e.toString());
    }
  }

  /** The request with its body read through a copy of the first {@link #CAPTURE} bytes. */
  private static final class Tee extends HttpServletRequestWrapper {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private long read;

    Tee(HttpServletRequest req) {
      super(req);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStreamBase() {
        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0) {
            keep(buf, off, n);
          }
          return n;
        }
      };
    }

    private void keep(byte[] buf, int off, int n) {
      read += n;
      int room = CAPTURE - copy.size();
      if (room > 0) {
        copy.write(buf, off, Math.min(room, n));
      }
    }

    byte[] captured() {
      return copy.toByteArray();
    }

    /** The body's length: as declared when the servlet did not read it through this tee, else as read. */
    long total(HttpServletRequest original) {
      return read > 0 ? Math.max(read, original.getContentLength()) : Math.max(0, original.getContentLength());
    }
  }
}
