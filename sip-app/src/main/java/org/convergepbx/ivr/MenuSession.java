package org.convergepbx.ivr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.convergepbx.routing.Destination;

/**
 * One caller in an IVR menu, as a pure state machine: it is told what happened (the caller arrived, a prompt
 * ended, a key, a timeout) and answers what to do next. Follows FreePBX's IVR: a key stops the prompt
 * (barge-in); an invalid key or silence plays the retry prompt and the announcement again, until the retries are
 * used up and the call goes to the invalid or timeout destination; the repeat key plays the announcement
 * again without counting; with direct dial, digits that begin an extension's number are collected until the
 * number is complete, {@code #}, or {@link #INTER_DIGIT} of silence.
 *
 * <p>Not thread-safe: driven by one call's serialised events.
 */
public final class MenuSession {
  /** How long to wait for the next digit of a number being dialled directly. */
  public static final Duration INTER_DIGIT = Duration.ofSeconds(3);

  /** What to play: a system recording by name, or a built-in prompt. */
  public record Sound(String recording, String builtIn) {
    static Sound recording(String name) {
      return new Sound(name, null);
    }

    static Sound builtIn(String name) {
      return new Sound(null, name);
    }
  }

  /** What the call must do next. */
  public sealed interface Action {}

  /** Play these sounds, one after another, then tell {@link #played()}. */
  public record Play(List<Sound> sounds) implements Action {
    public Play {
      sounds = List.copyOf(sounds);
    }
  }

  /** Wait this long for a key, then tell {@link #timedOut()}. */
  public record Wait(Duration time) implements Action {}

  /**
   * Leave the menu for this destination.
   *
   * @param byCaller true if the caller chose it (a key or a number), false for the invalid or timeout one
   */
  public record Go(Destination destination, boolean byCaller) implements Action {}

  private final IvrMenu menu;
  private final Predicate<String> isExtension;
  private final Predicate<String> beginsAnExtension;
  private final StringBuilder digits = new StringBuilder();
  private int invalid;
  private int silences;

  /**
   * @param isExtension whether a number is an extension (for direct dial)
   * @param beginsAnExtension whether some longer extension number begins with these digits
   */
  public MenuSession(IvrMenu menu, Predicate<String> isExtension, Predicate<String> beginsAnExtension) {
    this.menu = menu;
    this.isExtension = isExtension;
    this.beginsAnExtension = beginsAnExtension;
  }

  /** The caller has arrived (the call is answered and acknowledged). */
  public Action start() {
    return announce(List.of());
  }

  /** The last {@link Play} ended without a key. */
  public Action played() {
    return new Wait(menu.timeout());
  }

  /** The caller pressed a key (during a prompt or a wait). */
  public Action key(char key) {
    if (digits.length() == 0 && menu.repeatKey() != null && key == menu.repeatKey()) {
      return announce(List.of());
    }
    if (key == '#' && digits.length() > 0) {
      return resolve();
    }
    digits.append(key);
    if (menu.directDial() && Character.isDigit(key) && beginsAnExtension.test(digits.toString())) {
      return new Wait(INTER_DIGIT);
    }
    return resolve();
  }

  /** The {@link Wait} ran out. */
  public Action timedOut() {
    if (digits.length() > 0) {
      return resolve();
    }
    silences++;
    if (silences > menu.timeoutRetries()) {
      return new Go(menu.timeoutDestination(), false);
    }
    return announce(List.of(menu.timeoutRecording() == null
        ? Sound.builtIn("no-input") : Sound.recording(menu.timeoutRecording())));
  }

  /** The digits entered so far are complete: a key's destination, an extension, or an invalid choice. */
  private Action resolve() {
    String entered = digits.toString();
    digits.setLength(0);
    if (entered.length() == 1 && menu.keys().containsKey(entered.charAt(0))) {
      return new Go(menu.keys().get(entered.charAt(0)), true);
    }
    if (menu.directDial() && isExtension.test(entered)) {
      return new Go(new Destination.ExtensionTarget(entered), true);
    }
    invalid++;
    if (invalid > menu.invalidRetries()) {
      return new Go(menu.invalidDestination(), false);
    }
    return announce(List.of(menu.invalidRecording() == null
        ? Sound.builtIn("invalid-option") : Sound.recording(menu.invalidRecording())));
  }

  private Action announce(List<Sound> before) {
    List<Sound> sounds = new ArrayList<>(before);
    if (menu.announcement() != null) {
      sounds.add(Sound.recording(menu.announcement()));
    }
    return sounds.isEmpty() ? new Wait(menu.timeout()) : new Play(sounds);
  }
}
