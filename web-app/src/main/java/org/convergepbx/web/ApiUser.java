package org.convergepbx.web;

import javax.servlet.ServletRequest;

/**
 * Who an authenticated API request is from: a user name and a role ({@code admin}, {@code manager}, or
 * {@code extension} for an extension's owner at their mailbox). Set by {@link AdminAuthFilter} as a request
 * attribute, also on requests it then refuses for lack of permission.
 */
record ApiUser(String name, String role) {
  private static final String ATTRIBUTE = ApiUser.class.getName();

  void attachTo(ServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  /** The request's user, or null when the request was not authenticated. */
  static ApiUser of(ServletRequest request) {
    return (ApiUser) request.getAttribute(ATTRIBUTE);
  }
}
