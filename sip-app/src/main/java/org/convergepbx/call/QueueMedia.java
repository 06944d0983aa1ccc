package org.convergepbx.call;

import java.time.Clock;
import java.time.Duration;
import org.convergepbx.media.Prompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a waiting caller hears: the queue's music on hold (a system recording, or the built-in music) looped,
 * broken by periodic announcements of the caller's position and the estimated hold time, after which the music
 * starts again.
 */
final class QueueMedia {
  private static final Logger LOG = LoggerFactory.getLogger(QueueMedia.class);

  private final SessionScheduler scheduler;
  private final MediaSettings media;
  private final Clock clock;

  QueueMedia(SessionScheduler scheduler, MediaSettings media, Clock clock) {
    this.scheduler = scheduler;
    this.media = media;
    this.clock = clock;
  }

  /** Plays the queue's music from its start, and again each time it ends, while the caller waits. */
  void music(Bridge bridge) {
    play(bridge, musicOf(bridge.queueWait()), true);
  }

  /** Says the caller's position and the estimated hold time (as the queue asks), then the music goes on. */
  void announce(Bridge bridge, int position, Duration hold) {
    QueueWait wait = bridge.queueWait();
    var settings = wait.run().settings();
    byte[] said = new byte[0];
    if (settings.announcePosition() && position > 0) {
      said = Prompts.join(Prompts.get(Prompts.YOU_ARE_CALLER), Prompts.digits(String.valueOf(position)));
    }
    if (settings.announceHoldTime() && !hold.isZero()) {
      said = hold.toMinutes() < 1
          ? Prompts.join(said, Prompts.get(Prompts.UNDER_A_MINUTE))
          : Prompts.join(said, Prompts.get(Prompts.HOLD_TIME_IS), Prompts.digits(String.valueOf(hold.toMinutes())),
              Prompts.get(Prompts.MINUTES));
    }
    if (said.length == 0) {
      said = Prompts.get(Prompts.THANK_YOU_WAITING);
    }
    play(bridge, said, false);
  }

  /** Plays {@code audio}; when it ends on its own, the music starts (again) and, after an announcement, the next one is planned. */
  private void play(Bridge bridge, byte[] audio, boolean isMusic) {
    QueueWait wait = bridge.queueWait();
    long id = wait.nextSound();
    String sasId = bridge.callerInvite().getApplicationSession().getId();
    bridge.callerMedia().stopPlaying();
    bridge.callerMedia().play(audio).thenRun(() -> scheduler.schedule(sasId, Duration.ZERO, s -> {
      Bridge b = Bridge.of(s);
      if (b != null && !b.over() && b.queueWait() == wait && wait.isCurrentSound(id)) {
        if (!isMusic) {
          wait.announced(clock.instant());
        }
        music(b);
      }
    }));
  }

  private byte[] musicOf(QueueWait wait) {
    String recording = wait.run().settings().music();
    if (recording != null) {
      try {
        return media.recordings().pcm(recording);
      } catch (RuntimeException e) {
        LOG.error("Music {} of queue {} could not be played, the built-in music is: {}", recording, wait.queue(),
            e.getMessage());
      }
    }
    return Prompts.get(Prompts.MUSIC);
  }
}
