package org.convergepbx.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.convergepbx.common.InvalidInputException;

/**
 * A validated audit log query: an exact user name, a time range [from, to), and a page (newest first).
 *
 * @param user entries of this user only, or null
 * @param from entries at or after this instant, or null
 * @param to entries before this instant, or null
 */
public record AuditQuery(String user, Instant from, Instant to, int page, int size) {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;
  /** Deepest page a client may ask for (offsets stay far below overflow). */
  public static final int MAX_PAGE = 100_000;
  private static final Set<String> PARAMETERS = Set.of("user", "from", "to", "page", "size");

  /**
   * Reads a query from request parameters.
   *
   * @throws InvalidInputException naming the first unknown or bad parameter
   */
  public static AuditQuery parse(Map<String, String> params) {
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new InvalidInputException(name, "unknown parameter " + name);
      }
    }
    String user = params.get("user");
    if (user != null && (user.isEmpty() || user.length() > 64)) {
      throw new InvalidInputException("user", "user must be 1 to 64 characters");
    }
    Instant from = instant(params, "from");
    Instant to = instant(params, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidInputException("to", "to must be after from");
    }
    int page = number(params, "page", 0, MAX_PAGE, 0);
    int size = number(params, "size", 1, MAX_SIZE, DEFAULT_SIZE);
    return new AuditQuery(user, from, to, page, size);
  }

  private static Instant instant(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name, name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static int number(Map<String, String> params, String name, int min, int max, int absent) {
    String v = params.get(name);
    if (v == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below, naming the parameter
    }
    throw new InvalidInputException(name, name + " must be a whole number from " + min + " to " + max);
  }
}
