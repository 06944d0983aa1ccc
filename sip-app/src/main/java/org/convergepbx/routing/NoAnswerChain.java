package org.convergepbx.routing;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.convergepbx.common.InvalidInputException;

/**
 * Refuses configurations whose no-answer destinations lead back to where they start: following each
 * destination's own no-answer destination (a ring group's, an extension's Follow Me) must end at a destination
 * that has none.
 */
public final class NoAnswerChain {
  private NoAnswerChain() {}

  /**
   * @param field the input field named in the error
   * @param owner the destination being configured
   * @param first its new no-answer destination
   * @param next the no-answer destination of a destination as stored, if it has one
   * @throws InvalidInputException naming {@code field} with the chain, if it loops
   */
  public static void refuseLoops(
      String field, Destination owner, Destination first, Function<Destination, Optional<Destination>> next) {
    Set<String> chain = new LinkedHashSet<>();
    chain.add(owner.text());
    Destination d = first;
    while (d != null) {
      if (!chain.add(d.text())) {
        throw new InvalidInputException(
            field, "the no-answer destinations would loop: " + String.join(" -> ", chain) + " -> " + d.text());
      }
      d = next.apply(d).orElse(null);
    }
  }
}
