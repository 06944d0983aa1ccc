package org.convergepbx.call;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.DtmfDetector;
import org.convergepbx.media.G711;
import org.convergepbx.media.Player;
import org.convergepbx.media.Prompts;
import org.convergepbx.media.Recorder;
import org.convergepbx.media.RtpEndpoint;
import org.convergepbx.voicemail.VoicemailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own media for a caller leaving a message: after the ACK it plays the greeting (a beep until
 * mailbox greetings exist), then records the caller (jitter-tolerant) until the caller hangs up, presses
 * {@code #}, or the maximum length is reached. Messages shorter than one second are dropped.
 */
final class VoicemailLeg {
  private static final Logger LOG = LoggerFactory.getLogger(VoicemailLeg.class);
  static final double MIN_SECONDS = 1.0;

  private final String mailbox;
  private final String caller;
  private final RtpEndpoint rtp;
  private final G711 codec;
  private final Recorder recorder;
  private final int telephoneEvent;
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private Instant answeredAt;

  VoicemailLeg(String mailbox, String caller, RtpEndpoint rtp, AudioOffer offer, G711 codec, int maxSeconds) {
    this.mailbox = mailbox;
    this.caller = caller;
    this.rtp = rtp;
    this.codec = codec;
    this.recorder = new Recorder(codec, maxSeconds);
    this.telephoneEvent = offer.telephoneEvent();
    rtp.connect(new InetSocketAddress(offer.address(), offer.port()));
  }

  String mailbox() {
    return mailbox;
  }

  int port() {
    return rtp.port();
  }

  /**
   * Starts the greeting and the recording after it.
   *
   * @param onHash run (on the RTP thread) when the caller presses #
   */
  void start(ScheduledExecutorService clock, Runnable onHash, Instant at) {
    if (answeredAt != null) {
      return;
    }
    answeredAt = at;
    DtmfDetector keys = new DtmfDetector(telephoneEvent, k -> {
      if (k == '#' && recording.get()) {
        onHash.run();
      }
    });
    rtp.onPacket(
        p -> {
          keys.accept(p);
          if (recording.get()) {
            recorder.accept(p);
          }
        });
    new Player(rtp::send, codec, clock).play(Prompts.beep()).whenComplete((v, e) -> recording.set(true));
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
    rtp.close();
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
