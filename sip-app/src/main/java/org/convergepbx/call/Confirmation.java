package org.convergepbx.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.MediaChannel;
import org.convergepbx.media.Prompts;

/**
 * Follow Me's confirm-call on one leg (FreePBX's "Confirm Calls"): the leg is called with the server's own
 * media; once the phone answers it hears "you have a call, press 1 to accept", up to {@link #TIMES} times
 * with {@link #WAIT_SECONDS} s to press a key after each. Pressing 1 accepts; any other key, or silence after
 * the last prompt, declines. The outcome is told once.
 */
final class Confirmation {
  static final int TIMES = 3;
  static final int WAIT_SECONDS = 3;

  private final MediaChannel media;
  private final AtomicBoolean decided = new AtomicBoolean();
  private Consumer<Boolean> outcome = accepted -> {};

  Confirmation(MediaChannel media) {
    this.media = media;
  }

  /** The server's SDP offer for the leg. */
  String offer(String host) {
    return AudioOffer.offer(host, media.port(), System.nanoTime() & 0xffffffL);
  }

  /**
   * The phone answered with this SDP: the prompt starts.
   *
   * @param outcome told true (1 pressed) or false (declined, timed out), once, on a media thread
   * @throws IllegalArgumentException if the answer has no usable G.711 audio
   */
  void start(AudioOffer answer, Consumer<Boolean> outcome) {
    this.outcome = outcome;
    media.connect(answer);
    media.onKey(k -> decide(k == '1'));
    ask(1);
  }

  /** A key from a SIP INFO. */
  void key(char key) {
    media.key(key);
  }

  /** Too late: the call was answered elsewhere or the caller left; {@code then} runs after the message. */
  CompletableFuture<Void> tooLate() {
    decided.set(true);
    return media.play(Prompts.get(Prompts.TOO_LATE));
  }

  void close() {
    decided.set(true);
    media.close();
  }

  private void ask(int time) {
    media
        .play(Prompts.get(Prompts.CONFIRM_CALL))
        .thenRun(
            () ->
                media.clock().schedule(
                    () -> {
                      if (time < TIMES) {
                        if (!decided.get()) {
                          ask(time + 1);
                        }
                      } else {
                        decide(false);
                      }
                    },
                    WAIT_SECONDS,
                    TimeUnit.SECONDS));
  }

  private void decide(boolean accepted) {
    if (decided.compareAndSet(false, true)) {
      media.stopPlaying();
      outcome.accept(accepted);
    }
  }
}
