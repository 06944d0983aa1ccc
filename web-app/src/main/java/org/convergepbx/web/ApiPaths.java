package org.convergepbx.web;

import javax.servlet.http.HttpServletRequest;

/** The request's path inside the application, as the container decoded and normalised it. */
final class ApiPaths {
  private ApiPaths() {}

  static String of(HttpServletRequest req) {
    return req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
  }

  /** Whether the method may change state (anything but GET, HEAD, OPTIONS and TRACE). */
  static boolean changesState(HttpServletRequest req) {
    String m = req.getMethod();
    return !("GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m) || "TRACE".equals(m));
  }
}
