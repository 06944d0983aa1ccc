package org.convergepbx.call;

import java.io.IOException;
import java.time.Duration;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import org.convergepbx.media.MediaChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a call only to say something and hang up (a feature code's "Night mode."): 200 with the server's
 * audio, the announcement after the ACK, then BYE. Not possible when the caller offers no G.711 audio or no
 * RTP port is free; the caller then confirms some other way.
 */
final class Announcer {
  private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);
  private static final String ATTRIBUTE = "org.convergepbx.announcement";

  private final SessionScheduler scheduler;
  private final MediaSettings media;

  Announcer(SessionScheduler scheduler, MediaSettings media) {
    this.scheduler = scheduler;
    this.media = media;
  }

  /**
   * Answers the INVITE with the server's audio, the announcement to follow the ACK.
   *
   * @return false (nothing sent) if the caller offers no usable audio or no RTP port is free
   */
  boolean answer(SipServletRequest invite, byte[] pcm) throws IOException {
    if (!(ServerAudio.open(invite, media) instanceof ServerAudio.Opened audio)) {
      return false;
    }
    invite.getSession().setAttribute(ATTRIBUTE, new Pending(audio.channel(), pcm));
    audio.answer(invite);
    return true;
  }

  /** The ACK of an announcement's 200: it is played, then the server hangs up. False for any other ACK. */
  boolean onAck(SipServletRequest ack) {
    SipSession session = ack.getSession();
    if (!(session.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
      return false;
    }
    session.removeAttribute(ATTRIBUTE);
    String sasId = ack.getApplicationSession().getId();
    String sessionId = session.getId();
    pending.channel().play(pending.pcm()).whenComplete((v, e) -> {
      pending.channel().close();
      scheduler.schedule(sasId, Duration.ZERO, sas -> hangUp(sas.getSipSession(sessionId)));
    });
    return true;
  }

  private static void hangUp(SipSession session) {
    try {
      if (session != null && session.isValid() && session.getState() == SipSession.State.CONFIRMED) {
        session.createRequest("BYE").send();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("BYE after an announcement could not be sent: {}", e.toString());
    }
  }

  private record Pending(MediaChannel channel, byte[] pcm) {}
}
