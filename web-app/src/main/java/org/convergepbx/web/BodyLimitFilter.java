package org.convergepbx.web;

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
import org.convergepbx.config.Setting;
import org.convergepbx.recording.RecordingService;

/**
 * Caps request bodies of the API: {@code PBX_HTTP_MAX_BODY_BYTES} (1 MiB by default), and for the two audio
 * uploads (a recording, a mailbox's greeting) {@link #UPLOAD_CAP}. A body whose Content-Length is above its cap is
 * answered 413 before a byte of it is read (and the connection closed); a body without a length (chunked) is read
 * through a counter that stops at the cap, so the servlet refuses it with 413 before storing anything.
 */
public final class BodyLimitFilter implements Filter {
  /** A WAV file at RecordingService's limit plus room for the multipart framing (web.xml's max-request-size). */
  static final long UPLOAD_CAP = RecordingService.MAX_BYTES + 131_072L;

  private long jsonCap;

  @Override
  public void init(FilterConfig config) {
    jsonCap = PbxApplication.from(config.getServletContext()).settings().positiveInt(Setting.PBX_HTTP_MAX_BODY_BYTES);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    long cap = upload(req) ? UPLOAD_CAP : jsonCap;
    long declared = declaredLength(req);
    if (declared > cap) {
      HttpServletResponse resp = (HttpServletResponse) response;
      ApiResponses.error(resp, 413, "body", new PayloadTooLargeException(cap).getMessage());
      return;
    }
    chain.doFilter(
        new HttpServletRequestWrapper(req) {
          @Override
          public ServletInputStream getInputStream() throws IOException {
            return new BoundedInputStream(super.getInputStream(), cap);
          }
        },
        response);
  }

  /** The recording upload and the greeting upload, which carry audio. */
  private static boolean upload(HttpServletRequest req) {
    String path = ApiPaths.of(req);
    return ("POST".equals(req.getMethod()) && path.equals("/api/v1/recordings"))
        || ("PUT".equals(req.getMethod()) && path.startsWith("/api/v1/voicemail/") && path.endsWith("/greeting"));
  }

  /** The Content-Length header as a long (a length above 2 GiB too), or -1 when absent or not a number. */
  private static long declaredLength(HttpServletRequest req) {
    String header = req.getHeader("Content-Length");
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void destroy() {
    // nothing held
  }
}
