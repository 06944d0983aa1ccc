package org.convergepbx.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code /metrics}: this node's metrics in the Prometheus text format (behind the API's authentication). */
public final class MetricsServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setStatus(200);
    resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
    resp.getOutputStream().write(app.meters().scrape().getBytes(StandardCharsets.UTF_8));
  }
}
