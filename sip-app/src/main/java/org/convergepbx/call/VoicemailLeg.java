package org.convergepbx.call;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convergepbx.media.MediaChannel;
import org.convergepbx.media.Prompts;
import org.convergepbx.media.Recorder;
import org.convergepbx.voicemail.VoicemailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own media for a caller leaving a message: it plays the greeting (the user's, or "the person you are
 * calling is not available, please leave your message after the tone") and the beep, then records the caller (jitter-tolerant) until the caller hangs up, presses
 * {@code #}, or the maximum length is reached. Messages shorter than one second are dropped.
 */
final class VoicemailLeg {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailLeg.class);
  static final double MIN_SECONDS = 1.0;

  private final String mailbox;
  private final String caller;
  private final MediaChannel media;
  private final Recorder recorder;
  private final byte[] greeting;
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private Instant answeredAt;

  /**
   * @param media the caller's audio, already connected to the caller's SDP
   * @param greeting played before the beep (the user's, or the default one)
   */
  VoicemailLeg(String mailbox, String caller, MediaChannel media, byte[] greeting, int maxSeconds) {
    this.mailbox = mailbox;
    this.caller = caller;
    this.media = media;
    this.greeting = greeting;
    this.recorder = new Recorder(media.codec(), maxSeconds);
  }

  String mailbox() {
    return mailbox;
  }


  /**
   * Starts the greeting and the recording after it.
   *
   * @param onHash run (on the RTP thread) when the caller presses #
   */
  void start(Runnable onHash, Instant at) {
    if (answeredAt != null) {
      return;
    }
    answeredAt = at;
    media.onKey(k -> {
      if (k == '#' && recording.get()) {
        onHash.run();
      }
    });
    media.onAudio(p -> {
      if (recording.get()) {
        recorder.accept(p);
      }
    });
    media.play(Prompts.join(greeting, Prompts.beep())).whenComplete((v, e) -> recording.set(true));
  }

  /** A key from a SIP INFO. */
  void key(char key) {
    media.key(key);
  }

  /**
   * Ends the leg once: stops the media, writes the message if it is long enough.
   *
   * @return the message, or null if none was kept
   */
  VoicemailMessage finish(Path file) {
    if (!finished.compareAndSet(false, true)) {
      return null;
    }
    recording.set(false);
    media.close();
    try {
      if (recorder.seconds() < MIN_SECONDS) {
        LOG.info("Voicemail for {} from {} dropped: {} s", mailbox, caller, recorder.seconds());
        return null;
      }
      double seconds = recorder.finish(file);
      return new VoicemailMessage(mailbox, caller, answeredAt, seconds, file);
    } catch (IOException e) {
      LOG.error("Voicemail for {} could not be written to {}", mailbox, file, e);
      return null;
    }
  }
}
