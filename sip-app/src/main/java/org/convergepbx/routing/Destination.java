package org.convergepbx.routing;

import java.util.Locale;
import org.convergepbx.common.InvalidInputException;

/**
 * Where a call can be sent. Each feature adds its kind as it lands (queue, IVR, voicemail, ...); a kind
 * exists here only once the product can carry it out. In configuration a destination is written as text:
 * {@code extension:1001}, {@code ringgroup:301}, {@code ivr:500}, {@code queue:400}, {@code voicemail:1001}, {@code daynight:1}, {@code hangup},
 * {@code busy}.
 */
public sealed interface Destination {
  /** Ring every registered contact of an extension. */
  record ExtensionTarget(String number) implements Destination {}

  /** Ring the members of a ring group by its strategy. */
  record RingGroupTarget(String number) implements Destination {}

  /** An extension's voicemail box: the caller leaves a message, which is e-mailed to the extension. */
  record VoicemailTarget(String extension) implements Destination {}

  /** An IVR menu: the caller hears its announcement and chooses by key. */
  record IvrTarget(String number) implements Destination {}

  /** A call queue: the caller waits with music until a member answers. */
  record QueueTarget(String number) implements Destination {}

  /** Whatever a Day/Night control (index 0 to 9) sends calls to in its current mode. */
  record DayNightTarget(int index) implements Destination {}

  /** Refuse the call with a SIP status. */
  record HangUp(int status, String reason) implements Destination {}

  /** The written forms, for error messages. */
  String FORMS = "extension:N, ringgroup:N, ivr:N, queue:N, voicemail:N, daynight:0-9, hangup, busy";

  /** The destination that hangs up with 480 (FreePBX's "Terminate Call: Hangup"). */
  HangUp HANG_UP = new HangUp(480, "Temporarily Unavailable");
  /** The destination that tells the caller busy (FreePBX's "Terminate Call: Busy"). */
  HangUp BUSY = new HangUp(486, "Busy Here");

  /** The text form of this destination, as {@link #parse} reads it. */
  default String text() {
    if (this instanceof ExtensionTarget e) {
      return "extension:" + e.number();
    }
    if (this instanceof RingGroupTarget g) {
      return "ringgroup:" + g.number();
    }
    if (this instanceof DayNightTarget d) {
      return "daynight:" + d.index();
    }
    if (this instanceof VoicemailTarget v) {
      return "voicemail:" + v.extension();
    }
    if (this instanceof IvrTarget i) {
      return "ivr:" + i.number();
    }
    if (this instanceof QueueTarget q) {
      return "queue:" + q.number();
    }
    return this.equals(BUSY) ? "busy" : "hangup";
  }

  /**
   * Reads a destination's text form and checks that what it names exists.
   *
   * @throws InvalidInputException naming {@code field} if the text is no destination, or names nothing that exists
   *     ({@code no such destination: ringgroup:601})
   */
  static Destination existing(String field, String text, java.util.function.Predicate<Destination> exists) {
    Destination target = parse(field, text);
    if (!exists.test(target)) {
      throw new InvalidInputException(field, "no such destination: " + target.text());
    }
    return target;
  }

  /**
   * Reads a destination's text form.
   *
   * @param field the name of the input field, for the error
   * @throws InvalidInputException naming {@code field} if the text is no destination
   */
  static Destination parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(field, "a destination is required (" + FORMS + ")");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("hangup")) {
      return HANG_UP;
    }
    if (t.equals("busy")) {
      return BUSY;
    }
    int colon = t.indexOf(':');
    String kind = colon < 0 ? t : t.substring(0, colon);
    String number = colon < 0 ? "" : t.substring(colon + 1);
    if (kind.equals("daynight") && number.matches("[0-9]")) {
      return new DayNightTarget(Integer.parseInt(number));
    }
    if (!number.matches("[0-9]{2,10}") || kind.equals("daynight")) {
      throw new InvalidInputException(field, "'" + text + "' is no destination (" + FORMS + ")");
    }
    return switch (kind) {
      case "extension" -> new ExtensionTarget(number);
      case "ringgroup" -> new RingGroupTarget(number);
      case "voicemail" -> new VoicemailTarget(number);
      case "ivr" -> new IvrTarget(number);
      case "queue" -> new QueueTarget(number);
      default -> throw new InvalidInputException(field, "unknown destination kind '" + kind + "'");
    };
  }
}
