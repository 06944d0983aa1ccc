package org.convergepbx.trunk;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.convergepbx.common.InvalidInputException;

/**
 * One dial pattern of an outbound route, with FreePBX's semantics: a dialled number matches when it starts with
 * {@code prefix} and the rest matches {@code match}; the number sent to the trunk is {@code prepend} + the rest
 * (the prefix is stripped). An optional caller-ID pattern must match the caller's number as well.
 *
 * <p>Pattern syntax: digits, {@code *} and {@code #} stand for themselves; {@code X} is any digit 0-9, {@code Z}
 * 1-9, {@code N} 2-9; {@code [1237-9]} is one of a set (ranges allowed); {@code .} is one or more of anything
 * and {@code !} zero or more, both only at the end. An empty match pattern matches any rest, even none.
 *
 * @param prepend digits put before the number sent (may be empty)
 * @param prefix digits the dialled number must start with, removed before sending (may be empty)
 * @param match the pattern the rest of the number must match (may be empty: anything)
 * @param callerId the pattern the caller's number must match (may be empty: any caller)
 */
public record DialPattern(String prepend, String prefix, String match, String callerId) {
  private static final Pattern DIGITS = Pattern.compile("[0-9*#+]*");

  public DialPattern {
    prepend = prepend == null ? "" : prepend.trim();
    prefix = prefix == null ? "" : prefix.trim();
    match = match == null ? "" : match.trim().toUpperCase(java.util.Locale.ROOT);
    callerId = callerId == null ? "" : callerId.trim().toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Checks the pattern's parts; a bad one is refused naming {@code field} plus the part ({@code patterns[0].match}).
   */
  public DialPattern validated(String field) {
    if (!DIGITS.matcher(prepend).matches() || prepend.length() > 20) {
      throw new InvalidInputException(field + ".prepend", "prepend is up to 20 of 0-9, *, #, +");
    }
    if (!DIGITS.matcher(prefix).matches() || prefix.length() > 20) {
      throw new InvalidInputException(field + ".prefix", "prefix is up to 20 of 0-9, *, #, +");
    }
    if (prefix.isEmpty() && match.isEmpty()) {
      throw new InvalidInputException(field + ".match", "a dial pattern needs a prefix or a match pattern");
    }
    regex(field + ".match", match);
    regex(field + ".callerId", callerId);
    return this;
  }

  /** The number to send to the trunk, if {@code dialled} (from {@code caller}) matches this pattern. */
  public Optional<String> apply(String dialled, String caller) {
    if (dialled == null || !dialled.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = dialled.substring(prefix.length());
    if (!match.isEmpty() && !regex("match", match).matcher(rest).matches()) {
      return Optional.empty();
    }
    if (!callerId.isEmpty() && (caller == null || !regex("callerId", callerId).matcher(caller).matches())) {
      return Optional.empty();
    }
    return Optional.of(prepend + rest);
  }

  /** The text form FreePBX shows: {@code prepend+prefix|match/callerid}. */
  public String text() {
    return (prepend.isEmpty() ? "" : prepend + "+") + (prefix.isEmpty() ? "" : prefix + "|") + match
        + (callerId.isEmpty() ? "" : "/" + callerId);
  }

  /** The regular expression of a dial pattern; a pattern that is not one is refused naming {@code field}. */
  static Pattern regex(String field, String pattern) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      boolean last = i == pattern.length() - 1;
      switch (c) {
        case 'X' -> re.append("[0-9]");
        case 'Z' -> re.append("[1-9]");
        case 'N' -> re.append("[2-9]");
        case '.', '!' -> {
          if (!last) {
            throw new InvalidInputException(field, "'" + c + "' may only end a pattern: " + pattern);
          }
          re.append(c == '.' ? ".+" : ".*");
        }
        case '[' -> {
          int end = pattern.indexOf(']', i);
          String set = end < 0 ? "" : pattern.substring(i + 1, end);
          if (end < 0 || !set.matches("([0-9](-[0-9])?)+")) {
            throw new InvalidInputException(field, "a set is [digits and ranges], like [1237-9]: " + pattern);
          }
          re.append('[').append(set).append(']');
          i = end;
        }
        case '*', '#', '+' -> re.append(Pattern.quote(String.valueOf(c)));
        default -> {
          if (c < '0' || c > '9') {
            throw new InvalidInputException(field, "'" + c + "' is not in a dial pattern (digits, X, Z, N, [..], . !)");
          }
          re.append(c);
        }
      }
    }
    try {
      return Pattern.compile(re.toString());
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(field, "not a dial pattern: " + pattern);
    }
  }
}
