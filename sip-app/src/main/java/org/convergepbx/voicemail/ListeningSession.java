package org.convergepbx.voicemail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A user listening to their voicemail from a phone ({@code *97}, FreePBX's VoiceMailMain), as a pure state
 * machine: the PIN followed by {@code #} (three tries), how many messages there are, then each message, oldest
 * first, followed by the menu: 1 plays it again, 3 the next one, 7 deletes it and goes on, {@code #} leaves.
 * Silence repeats the question, three times at most. Not thread-safe: driven by one call's serialised events.
 */
public final class ListeningSession {
  static final int TRIES = 3;
  public static final Duration WAIT = Duration.ofSeconds(8);

  /** What to say: a built-in prompt, a number's digits, or a stored message. */
  public record Sound(String builtIn, String digits, String message) {
    static Sound prompt(String name) {
      return new Sound(name, null, null);
    }

    static Sound number(int n) {
      return new Sound(null, Integer.toString(n), null);
    }

    static Sound message(String id) {
      return new Sound(null, null, id);
    }
  }

  /** What the call must do next. */
  public sealed interface Action {}

  /** Say these, then tell {@link #played()}. */
  public record Say(List<Sound> sounds) implements Action {
    public Say {
      sounds = List.copyOf(sounds);
    }
  }

  /** Wait this long for a key, then tell {@link #timedOut()}. */
  public record Wait(Duration time) implements Action {}

  /** Hang up. */
  public record HangUp() implements Action {}

  /** The mailbox as the session needs it. */
  public interface Box {
    boolean opensWith(String pin);

    /** Message ids, oldest first. */
    List<String> messages();

    void delete(String id);
  }

  private enum Phase { PIN, MENU, ENDING }

  private final Box box;
  private final StringBuilder pin = new StringBuilder();
  private Phase phase = Phase.PIN;
  private int wrongPins;
  private int silences;
  private List<String> messages = List.of();
  private int current;

  public ListeningSession(Box box) {
    this.box = box;
  }

  public Action start() {
    return say("enter-pin");
  }

  /** The last {@link Say} ended. */
  public Action played() {
    return phase == Phase.ENDING ? new HangUp() : new Wait(WAIT);
  }

  public Action key(char key) {
    silences = 0;
    return phase == Phase.PIN ? pinKey(key) : menuKey(key);
  }

  public Action timedOut() {
    if (++silences >= TRIES) {
      return end("goodbye");
    }
    return phase == Phase.PIN ? say("enter-pin") : say("message-menu");
  }

  private Action pinKey(char key) {
    if (key != '#') {
      pin.append(key);
      return new Wait(WAIT);
    }
    String entered = pin.toString();
    pin.setLength(0);
    if (!box.opensWith(entered)) {
      return ++wrongPins >= TRIES ? end("login-incorrect", "goodbye") : say("login-incorrect", "enter-pin");
    }
    phase = Phase.MENU;
    messages = new ArrayList<>(box.messages());
    if (messages.isEmpty()) {
      return end("no-messages", "goodbye");
    }
    List<Sound> sounds = new ArrayList<>(List.of(Sound.prompt("you-have"), Sound.number(messages.size()),
        Sound.prompt("new-messages")));
    sounds.addAll(messageAndMenu());
    return new Say(sounds);
  }

  private Action menuKey(char key) {
    switch (key) {
      case '1':
        return new Say(messageAndMenu());
      case '3':
        return next(List.of());
      case '7':
        box.delete(messages.get(current));
        return next(List.of(Sound.prompt("message-deleted")));
      case '#':
        return end("goodbye");
      default:
        List<Sound> sounds = new ArrayList<>(List.of(Sound.prompt("invalid-option")));
        sounds.add(Sound.prompt("message-menu"));
        return new Say(sounds);
    }
  }

  private Action next(List<Sound> before) {
    current++;
    List<Sound> sounds = new ArrayList<>(before);
    if (current >= messages.size()) {
      phase = Phase.ENDING;
      sounds.add(Sound.prompt("no-more-messages"));
      sounds.add(Sound.prompt("goodbye"));
      return new Say(sounds);
    }
    sounds.addAll(messageAndMenu());
    return new Say(sounds);
  }

  private List<Sound> messageAndMenu() {
    return List.of(Sound.message(messages.get(current)), Sound.prompt("message-menu"));
  }

  private Action say(String... prompts) {
    List<Sound> sounds = new ArrayList<>();
    for (String p : prompts) {
      sounds.add(Sound.prompt(p));
    }
    return new Say(sounds);
  }

  private Action end(String... prompts) {
    phase = Phase.ENDING;
    return say(prompts);
  }
}
