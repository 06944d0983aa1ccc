package org.convergepbx.daynight;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FreePBX's Day/Night toggle code {@code *28n} (control n, 0 to 9). Where FreePBX asks for the PIN by voice,
 * it is dialled after a star: {@code *281*1234}.
 *
 * @param index the control
 * @param pin the PIN dialled, or null
 */
public record ToggleCode(int index, String pin) {
  private static final Pattern CODE = Pattern.compile("\\*28([0-9])(?:\\*([0-9]{1,10}))?");

  /** True if the dialled string starts with the toggle code, complete or not. */
  public static boolean looksLikeOne(String dialled) {
    return dialled != null && dialled.startsWith("*28");
  }

  public static Optional<ToggleCode> parse(String dialled) {
    Matcher m = dialled == null ? null : CODE.matcher(dialled);
    if (m == null || !m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ToggleCode(Integer.parseInt(m.group(1)), m.group(2)));
  }
}
