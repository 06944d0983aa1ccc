package org.convergepbx.container;

/** The server cannot start; the message says why and is printed as the launcher's last word. */
final class LaunchException extends RuntimeException {
  LaunchException(String message) {
    super(message);
  }

  LaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
