package org.convergepbx.call;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import org.convergepbx.media.DtmfInfo;
import org.convergepbx.media.MediaChannel;
import org.convergepbx.media.Prompts;
import org.convergepbx.media.WavAudio;
import org.convergepbx.voicemail.ListeningSession;
import org.convergepbx.voicemail.VoicemailService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code *97}: a user listens to their own mailbox from their phone. The server answers with its own audio and
 * carries out a {@link ListeningSession} (PIN, messages, menu); keys come by RFC 4733 or SIP INFO. Its state is
 * an attribute of the caller's SIP session; every step runs under the session's lock.
 */
final class MailboxCall {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxCall.class);
  private static final String ATTRIBUTE = "org.convergepbx.mailbox-call";
  private static final int LONGEST_MESSAGE_SECONDS = 3600;

  private final SessionScheduler scheduler;
  private final MediaSettings media;

  MailboxCall(SessionScheduler scheduler, MediaSettings media) {
    this.scheduler = scheduler;
    this.media = media;
  }

  /**
   * Answers the caller for their mailbox.
   *
   * @return false (nothing sent) if the caller offers no G.711 audio or no RTP port is free
   */
  boolean answer(SipServletRequest invite, String mailbox) throws IOException {
    if (!(ServerAudio.open(invite, media) instanceof ServerAudio.Opened audio)) {
      return false;
    }
    MediaChannel channel = audio.channel();
    VoicemailService boxes = media.voicemail();
    ListeningSession session = new ListeningSession(new ListeningSession.Box() {
      @Override
      public boolean opensWith(String pin) {
        return boxes.opens(mailbox, pin);
      }

      @Override
      public List<String> messages() {
        return boxes.list(mailbox).stream().map(VoicemailService.StoredMessage::id).toList();
      }

      @Override
      public void delete(String id) {
        boxes.delete(mailbox, id);
        LOG.info("Mailbox {}: message {} deleted from the phone", mailbox, id);
      }
    });
    Listening listening = new Listening(mailbox, channel, session);
    String sasId = invite.getApplicationSession().getId();
    String sessionId = invite.getSession().getId();
    KeyQueue keys = new KeyQueue(scheduler, sasId, (s, k) -> step(s, sessionId, l -> l.session.key(k)));
    channel.onKey(keys::pressed);
    invite.getSession().setAttribute(ATTRIBUTE, listening);
    audio.answer(invite);
    return true;
  }

  /** The ACK of a *97 call: it starts. False for any other ACK. */
  boolean onAck(SipServletRequest ack) {
    Listening l = of(ack.getSession());
    if (l == null || l.started) {
      return l != null;
    }
    l.started = true;
    run(ack.getSession(), l, l.session.start());
    return true;
  }

  /** The caller hangs up: 200 and the media stops. False if the session is no *97 call. */
  boolean onBye(SipServletRequest bye) throws IOException {
    Listening l = of(bye.getSession());
    if (l == null) {
      return false;
    }
    bye.createResponse(200, "OK").send();
    end(bye.getSession(), l);
    return true;
  }

  /** A SIP INFO key on a *97 call. False if the session is no *97 call. */
  boolean onInfo(SipServletRequest info) throws IOException {
    Listening l = of(info.getSession());
    if (l == null) {
      return false;
    }
    byte[] body = info.getRawContent();
    Optional<Character> key =
        DtmfInfo.key(info.getContentType(), body == null ? "" : new String(body, StandardCharsets.UTF_8));
    info.createResponse(key.isPresent() ? 200 : 415, key.isPresent() ? "OK" : "Unsupported Media Type").send();
    key.ifPresent(l.channel::key);
    return true;
  }

  private void step(SipApplicationSession sas, String sessionId, java.util.function.Function<Listening, ListeningSession.Action> event) {
    SipSession session = sas.getSipSession(sessionId);
    Listening l = session == null ? null : of(session);
    if (l != null && !l.over) {
      l.channel.stopPlaying();
      run(session, l, event.apply(l));
    }
  }

  private void run(SipSession session, Listening l, ListeningSession.Action action) {
    long id = ++l.action;
    String sasId = session.getApplicationSession().getId();
    String sessionId = session.getId();
    if (action instanceof ListeningSession.Say say) {
      l.channel.play(audioOf(l.mailbox, say)).thenRun(() -> scheduler.schedule(sasId, Duration.ZERO,
          s -> current(s, sessionId, id).ifPresent(c -> run(s.getSipSession(sessionId), c, c.session.played()))));
    } else if (action instanceof ListeningSession.Wait wait) {
      scheduler.schedule(sasId, wait.time(),
          s -> current(s, sessionId, id).ifPresent(c -> run(s.getSipSession(sessionId), c, c.session.timedOut())));
    } else {
      end(session, l);
      try {
        if (session.isValid() && session.getState() == SipSession.State.CONFIRMED) {
          session.createRequest("BYE").send();
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("BYE after *97 could not be sent: {}", e.toString());
      }
    }
  }

  /** The session's listening, if {@code id} is still its latest action. */
  private static Optional<Listening> current(SipApplicationSession sas, String sessionId, long id) {
    SipSession session = sas.getSipSession(sessionId);
    Listening l = session == null ? null : of(session);
    return l != null && !l.over && l.action == id ? Optional.of(l) : Optional.empty();
  }

  private byte[] audioOf(String mailbox, ListeningSession.Say say) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (ListeningSession.Sound s : say.sounds()) {
      if (s.builtIn() != null) {
        all.writeBytes(Prompts.get(s.builtIn()));
      } else if (s.digits() != null) {
        all.writeBytes(Prompts.digits(s.digits()));
      } else {
        media.voicemail().message(mailbox, s.message()).ifPresent(file -> {
          try {
            all.writeBytes(WavAudio.readUpload(Files.readAllBytes(file), LONGEST_MESSAGE_SECONDS));
          } catch (IOException | WavAudio.Refused e) {
            LOG.error("Message {} of {} cannot be played", s.message(), mailbox, e);
          }
        });
      }
    }
    return all.toByteArray();
  }

  private static void end(SipSession session, Listening l) {
    l.over = true;
    l.channel.close();
    if (session.isValid()) {
      session.removeAttribute(ATTRIBUTE);
    }
  }

  private static Listening of(SipSession session) {
    return session.isValid() && session.getAttribute(ATTRIBUTE) instanceof Listening l ? l : null;
  }

  /** One *97 call's state. */
  private static final class Listening {
    final String mailbox;
    final MediaChannel channel;
    final ListeningSession session;
    long action;
    boolean started;
    boolean over;

    Listening(String mailbox, MediaChannel channel, ListeningSession session) {
      this.mailbox = mailbox;
      this.channel = channel;
      this.session = session;
    }
  }
}
