package org.convergepbx.ringgroup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * How a ring group rings its members, with FreePBX's names. A strategy turns the member list into steps: each
 * step is the members that ring together, for the group's ring time; the next step starts when nobody of the
 * step answered (busy, unavailable or no answer in time).
 */
public enum RingStrategy {
  /** Every member at once, for the ring time. */
  RINGALL,
  /** One member at a time, in list order, each for the ring time. */
  HUNT,
  /** The first member, then the first two, then the first three, ...: those rung before keep ringing. */
  MEMORYHUNT,
  /** One member at a time, the one whose last answered call through the group is the oldest first. */
  LEASTRECENT,
  /** One member at a time, in a random order. */
  RANDOM;

  /**
   * The steps for these members.
   *
   * @param members the group's members, in list order
   * @param lastAnswered when a member last answered a call of the group ({@link Instant#MIN} if never)
   * @param random the source of the random order
   */
  public List<List<String>> steps(
      List<String> members, Function<String, Instant> lastAnswered, Random random) {
    if (members.isEmpty()) {
      return List.of();
    }
    return switch (this) {
      case RINGALL -> List.of(List.copyOf(members));
      case HUNT -> oneByOne(members);
      case MEMORYHUNT -> growing(members);
      case LEASTRECENT -> oneByOne(leastRecentFirst(members, lastAnswered));
      case RANDOM -> oneByOne(shuffled(members, random));
    };
  }

  /** The strategy named (case-insensitive), or null. */
  public static RingStrategy named(String name) {
    for (RingStrategy s : values()) {
      if (s.name().equals(name == null ? null : name.toUpperCase(Locale.ROOT))) {
        return s;
      }
    }
    return null;
  }

  /** The name used in the API and the database. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static List<List<String>> oneByOne(List<String> members) {
    List<List<String>> steps = new ArrayList<>();
    for (String m : members) {
      steps.add(List.of(m));
    }
    return steps;
  }

  private static List<List<String>> growing(List<String> members) {
    List<List<String>> steps = new ArrayList<>();
    for (int i = 1; i <= members.size(); i++) {
      steps.add(List.copyOf(members.subList(0, i)));
    }
    return steps;
  }

  /** Stable: members never answered keep their list order, before everyone who has. */
  private static List<String> leastRecentFirst(List<String> members, Function<String, Instant> lastAnswered) {
    List<String> ordered = new ArrayList<>(members);
    ordered.sort(Comparator.comparing(lastAnswered));
    return ordered;
  }

  private static List<String> shuffled(List<String> members, Random random) {
    List<String> order = new ArrayList<>(members);
    java.util.Collections.shuffle(order, random);
    return order;
  }
}
