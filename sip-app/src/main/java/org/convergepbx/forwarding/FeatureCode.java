package org.convergepbx.forwarding;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feature code dialled from a phone, with FreePBX's codes: {@code *72N} / {@code *73} call forward all calls to
 * N / off, {@code *90N} / {@code *91} forward when busy, {@code *52N} / {@code *53} forward when not answered,
 * {@code *78} / {@code *79} do not disturb on / off. Where FreePBX asks for the number by voice, the number is
 * dialled after the code.
 *
 * @param kind what the code does
 * @param number the forwarding target for the codes that take one, else null
 */
public record FeatureCode(Kind kind, String number) {
  private static final Pattern CODE = Pattern.compile("\\*(72|73|90|91|52|53|78|79)([0-9]{2,10})?");

  /** The features, with their codes. */
  public enum Kind {
    FORWARD_ALL("72", true),
    FORWARD_ALL_OFF("73", false),
    FORWARD_BUSY("90", true),
    FORWARD_BUSY_OFF("91", false),
    FORWARD_NO_ANSWER("52", true),
    FORWARD_NO_ANSWER_OFF("53", false),
    DND_ON("78", false),
    DND_OFF("79", false);

    private final String code;
    private final boolean takesNumber;

    Kind(String code, boolean takesNumber) {
      this.code = code;
      this.takesNumber = takesNumber;
    }

    /** True for the codes that switch something on (a forward, do not disturb), false for those that switch it off. */
    public boolean turnsOn() {
      return this == FORWARD_ALL || this == FORWARD_BUSY || this == FORWARD_NO_ANSWER || this == DND_ON;
    }

    static Kind of(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      throw new IllegalArgumentException(code);
    }
  }

  /** True if the dialled string starts like a feature code (a star), whether or not it is a valid one. */
  public static boolean looksLikeOne(String dialled) {
    return dialled != null && dialled.startsWith("*");
  }

  /**
   * The feature code dialled, if {@code dialled} is a complete one: codes that take a number need it, the
   * others take none.
   */
  public static Optional<FeatureCode> parse(String dialled) {
    if (dialled == null) {
      return Optional.empty();
    }
    Matcher m = CODE.matcher(dialled);
    if (!m.matches()) {
      return Optional.empty();
    }
    Kind kind = Kind.of(m.group(1));
    String number = m.group(2);
    if (kind.takesNumber != (number != null)) {
      return Optional.empty();
    }
    return Optional.of(new FeatureCode(kind, number));
  }
}
