package org.convergepbx.queue;

import java.util.Locale;

/** How a queue chooses which of its available members ring for a waiting caller (Asterisk app_queue's names). */
public enum QueueStrategy {
  /** Every available member rings at once. */
  RINGALL,
  /** The member whose last call from this queue ended longest ago (or who never had one). */
  LEASTRECENT,
  /** The member who has completed the fewest calls from this queue. */
  FEWESTCALLS,
  /** A member chosen at random. */
  RANDOM,
  /** Round robin that remembers: the member after the one rung last for this queue. */
  RRMEMORY,
  /** Members in the configured order, always from the first. */
  LINEAR;

  /** The name used in configuration and records. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The strategy of this name, or null. */
  public static QueueStrategy named(String name) {
    if (name == null) {
      return null;
    }
    for (QueueStrategy s : values()) {
      if (s.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    return null;
  }

  /** The names, for error messages. */
  public static String names() {
    return "ringall, leastrecent, fewestcalls, random, rrmemory, linear";
  }
}
