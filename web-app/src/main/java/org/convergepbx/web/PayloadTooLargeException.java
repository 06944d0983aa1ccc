package org.convergepbx.web;

/** A request body above its cap: answered 413 naming the cap, before anything is stored. */
final class PayloadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PayloadTooLargeException(long limit) {
    super("request body larger than " + limit + " bytes");
  }
}
