package org.convergepbx.extension;

import java.util.regex.Pattern;
import org.convergepbx.common.InvalidInputException;

/** Validation of extension drafts; each failure names its field. */
final class ExtensionRules {
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,32}");
  private static final Pattern PIN = Pattern.compile("[0-9]{4,12}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final int MIN_SECRET = 8;
  private static final int MAX_SECRET = 128;
  private static final int MAX_NAME = 128;

  private ExtensionRules() {}

  static void validate(ExtensionDraft d, boolean secretRequired) {
    if (d.number() == null || !NUMBER.matcher(d.number()).matches()) {
      throw new InvalidInputException("number", "number must be 1 to 32 digits");
    }
    if (d.name() == null || d.name().isBlank()) {
      throw new InvalidInputException("name", "name is required");
    }
    if (d.name().length() > MAX_NAME) {
      throw new InvalidInputException("name", "name must be at most " + MAX_NAME + " characters");
    }
    if (d.secret() == null) {
      if (secretRequired) {
        throw new InvalidInputException("secret", "secret is required");
      }
    } else if (d.secret().length() < MIN_SECRET || d.secret().length() > MAX_SECRET) {
      throw new InvalidInputException(
          "secret", "secret must be " + MIN_SECRET + " to " + MAX_SECRET + " characters");
    }
    if (d.email() != null && (d.email().length() > 254 || !EMAIL.matcher(d.email()).matches())) {
      throw new InvalidInputException("email", "email is not an e-mail address");
    }
    if (d.voicemailPin() != null && !PIN.matcher(d.voicemailPin()).matches()) {
      throw new InvalidInputException("voicemailPin", "voicemailPin must be 4 to 12 digits");
    }
  }
}
