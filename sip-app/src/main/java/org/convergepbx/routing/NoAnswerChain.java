package org.convergepbx.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.convergepbx.common.InvalidInputException;

/**
 * Refuses configurations in which a call could come back to where it started: from the destination being
 * configured, every way a call can go on (a ring group's no-answer destination, an extension's Follow Me and
 * forwards, both modes of a Day/Night control) must end without reaching it again.
 */
public final class NoAnswerChain {
  private NoAnswerChain() {}

  /**
   * @param field the input field named in the error
   * @param owner the destination being configured
   * @param firsts where the owner's new configuration sends calls on
   * @param onwards where a destination, as stored, sends calls on
   * @throws InvalidInputException naming {@code field} with the path of the loop
   */
  public static void refuseLoops(
      String field, Destination owner, List<Destination> firsts, Function<Destination, List<Destination>> onwards) {
    Set<Destination> seen = new HashSet<>();
    for (Destination first : firsts) {
      List<Destination> path = new ArrayList<>(List.of(owner));
      search(field, owner, first, onwards, path, seen);
    }
  }

  /** Convenience for a single onward destination. */
  public static void refuseLoops(
      String field, Destination owner, Destination first, Function<Destination, List<Destination>> onwards) {
    refuseLoops(field, owner, List.of(first), onwards);
  }

  private static void search(
      String field,
      Destination owner,
      Destination at,
      Function<Destination, List<Destination>> onwards,
      List<Destination> path,
      Set<Destination> seen) {
    path.add(at);
    if (at.equals(owner)) {
      throw new InvalidInputException(
          field,
          "the destinations would loop: "
              + String.join(" -> ", path.stream().map(Destination::text).toList()));
    }
    if (seen.add(at)) {
      for (Destination next : onwards.apply(at)) {
        search(field, owner, next, onwards, path, seen);
      }
    }
    path.remove(path.size() - 1);
  }
}
