package org.convergepbx.call;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import javax.servlet.sip.SipApplicationSession;

/**
 * Hands keys pressed on a call's media (RTP or SIP INFO threads) to work on the call's session, in the order
 * they were pressed. Each key schedules work, but the container may run those works in any order on its
 * threads; every work therefore takes all keys queued so far, oldest first, so a fast "4321#" stays in order.
 */
final class KeyQueue {
  private final ConcurrentLinkedQueue<Character> keys = new ConcurrentLinkedQueue<>();
  private final SessionScheduler scheduler;
  private final String sasId;
  private final BiConsumer<SipApplicationSession, Character> onKey;

  /** @param onKey told each key, in order, under the session's lock */
  KeyQueue(SessionScheduler scheduler, String sasId, BiConsumer<SipApplicationSession, Character> onKey) {
    this.scheduler = scheduler;
    this.sasId = sasId;
    this.onKey = onKey;
  }

  /** A key was pressed. */
  void pressed(char key) {
    keys.add(key);
    scheduler.schedule(sasId, Duration.ZERO, this::drain);
  }

  private void drain(SipApplicationSession sas) {
    Character key;
    while ((key = keys.poll()) != null) {
      onKey.accept(sas, key);
    }
  }
}
