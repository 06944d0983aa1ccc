package org.convergepbx.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.MediaChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server answering an INVITE with its own audio (voicemail, IVR, queues, feature codes, {@code *97}): the
 * phone's SDP offer is read, an RTP channel is bound and connected to it, and the SDP answer is made.
 */
final class ServerAudio {
  private static final Logger LOG = LoggerFactory.getLogger(ServerAudio.class);

  private ServerAudio() {}

  /** What came of trying to answer with audio. */
  sealed interface Outcome permits Opened, Refused {}

  /** The channel is open and connected to the phone; {@code sdp} is the answer to send in the 200. */
  record Opened(MediaChannel channel, String sdp) implements Outcome {
    /** Sends the 200 with the server's SDP answer. */
    void answer(SipServletRequest invite) throws IOException {
      SipServletResponse ok = invite.createResponse(200, "OK");
      ok.setContent(sdp, "application/sdp");
      ok.send();
    }
  }

  /** The INVITE cannot be answered with audio: the phone offers no G.711 (488), or no RTP port is free (503). */
  record Refused(int status, String reason) implements Outcome {}

  /** Opens the server's audio for this INVITE; nothing is sent. */
  static Outcome open(SipServletRequest invite, MediaSettings media) {
    AudioOffer offer;
    try {
      byte[] body = invite.getRawContent();
      offer = AudioOffer.parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return new Refused(488, "Not Acceptable Here");
    }
    if (offer.codec().isEmpty() || offer.port() == 0) {
      return new Refused(488, "Not Acceptable Here");
    }
    MediaChannel channel;
    try {
      channel = MediaChannel.open(invite.getLocalAddr(), media.portMin(), media.portMax(), media.clock());
    } catch (UncheckedIOException e) {
      LOG.error("No RTP port free to answer with the server's audio: {}", e.getMessage());
      return new Refused(503, "Service Unavailable");
    }
    channel.connect(offer);
    return new Opened(
        channel, offer.answer(invite.getLocalAddr(), channel.port(), channel.codec(), System.nanoTime() & 0xffffffL));
  }
}
