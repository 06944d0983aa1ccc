package org.convergepbx.accounting;

import java.util.Locale;
import org.convergepbx.common.InvalidInputException;

/** How a text filter matches: the whole value, its beginning, or anywhere in it. */
public enum TextMatch {
  EXACT,
  PREFIX,
  CONTAINS;

  static TextMatch parse(String field, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, field + " must be exact, prefix or contains");
    }
  }

  /** The LIKE pattern for {@code text} with {@code \} as escape character, or the text itself for EXACT. */
  public String pattern(String text) {
    String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return switch (this) {
      case EXACT -> text;
      case PREFIX -> escaped + "%";
      case CONTAINS -> "%" + escaped + "%";
    };
  }
}
