package org.convergepbx.queue;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A queue agent's feature code: {@code *45N} logs in to queue N, or out if logged in (FreePBX's queue toggle,
 * with the queue dialled after the code); {@code *46} pauses the caller in all its queues, or unpauses it,
 * and {@code *46N} does so in queue N only.
 *
 * @param login true for {@code *45}, false for {@code *46}
 * @param queue the queue dialled, or null ({@code *46} alone)
 */
public record AgentCode(boolean login, String queue) {
  private static final Pattern CODE = Pattern.compile("\\*(45|46)([0-9]{2,10})?");

  /** True if the dialled string starts with an agent code (whether complete or not). */
  public static boolean looksLikeOne(String dialled) {
    return dialled != null && (dialled.startsWith("*45") || dialled.startsWith("*46"));
  }

  /** The code, if {@code dialled} is a complete one ({@code *45} needs its queue). */
  public static Optional<AgentCode> parse(String dialled) {
    Matcher m = dialled == null ? null : CODE.matcher(dialled);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    boolean login = m.group(1).equals("45");
    if (login && m.group(2) == null) {
      return Optional.empty();
    }
    return Optional.of(new AgentCode(login, m.group(2)));
  }
}
