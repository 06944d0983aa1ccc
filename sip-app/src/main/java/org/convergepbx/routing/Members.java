package org.convergepbx.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.convergepbx.common.InvalidInputException;

/** The rule every list of members (ring groups, Follow Me, queues) shares. */
public final class Members {
  private Members() {}

  /**
   * Each member must be an extension and be listed once; the first that is not is refused with 400 naming
   * {@code field[i]}.
   *
   * @param field the list's name ({@code members})
   * @param notExtension what the refusal says after the quoted number ({@code "is not an extension"})
   */
  public static void requireExtensions(
      String field, List<String> members, Predicate<String> isExtension, String notExtension) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      String m = members.get(i);
      if (m == null || !isExtension.test(m)) {
        throw new InvalidInputException(field + "[" + i + "]", "'" + m + "' " + notExtension);
      }
      if (!seen.add(m)) {
        throw new InvalidInputException(field + "[" + i + "]", m + " is listed twice");
      }
    }
  }
}
