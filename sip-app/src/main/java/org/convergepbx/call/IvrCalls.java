package org.convergepbx.call;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import javax.servlet.sip.SipApplicationSession;
import org.convergepbx.ivr.IvrMenu;
import org.convergepbx.ivr.MenuSession;
import org.convergepbx.media.Prompts;
import org.convergepbx.routing.CallDecision;
import org.convergepbx.routing.CallRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callers in IVR menus, for the {@link B2bua}: the server answers them, runs each caller's {@link MenuSession}
 * on the call's session (prompts, keys in the order pressed, timers) and hands the chosen destination back to
 * the B2BUA to carry out.
 */
final class IvrCalls {
  private static final Logger LOG = LoggerFactory.getLogger(IvrCalls.class);

  private final B2bua flow;
  private final SessionScheduler scheduler;
  private final MediaSettings media;
  private final CallRouter router;

  IvrCalls(B2bua flow, SessionScheduler scheduler, MediaSettings media, CallRouter router) {
    this.flow = flow;
    this.scheduler = scheduler;
    this.media = media;
    this.router = router;
  }

  /** The caller enters an IVR menu: answered by the server if it is not yet; the menu starts on the ACK. */
  void startMenu(Bridge bridge, CallDecision.Menu decision) {
    Optional<IvrMenu> menu = media.ivrs().menu(decision.ivr());
    if (menu.isEmpty()) {
      flow.fail(bridge, new FinalAnswer(404, "Not Found"));
      return;
    }
    boolean answered = bridge.callerAnswered();
    if (!answered && !flow.answerCaller(bridge, "IVR/" + decision.ivr())) {
      return;
    }
    MediaSettings.DirectDial numbers = media.directDial();
    MenuRun run = new MenuRun(menu.get(),
        new MenuSession(menu.get(), numbers::isExtension, numbers::longerNumberBegins),
        decision.hops());
    bridge.menu(run);
    bridge.state().media("IVR/" + decision.ivr());
    String sasId = bridge.callerInvite().getApplicationSession().getId();
    bridge.callerMedia().onKey(new KeyQueue(scheduler, sasId, this::menuKey)::pressed);
    LOG.info("Call {} -> IVR {}", bridge.state().caller(), decision.ivr());
    if (answered) {
      runMenu(bridge, run.session().start());
    }
  }

  /** A key pressed in a menu: it stops the prompt (barge-in) and the menu decides. */
  void menuKey(SipApplicationSession sas, char key) {
    Bridge bridge = Bridge.of(sas);
    if (bridge == null || bridge.over() || bridge.menu() == null) {
      return;
    }
    bridge.callerMedia().stopPlaying();
    runMenu(bridge, bridge.menu().session().key(key));
  }

  /** Carries out a menu's next action: play (then {@code played}), wait (then {@code timedOut}), or leave. */
  void runMenu(Bridge bridge, MenuSession.Action action) {
    MenuRun run = bridge.menu();
    long id = run.nextAction();
    String sasId = bridge.callerInvite().getApplicationSession().getId();
    bridge.replaceTimer(null);
    if (action instanceof MenuSession.Play play) {
      bridge.callerMedia().play(audioOf(play)).thenRun(() -> scheduler.schedule(sasId, Duration.ZERO, s -> {
        Bridge b = Bridge.of(s);
        if (b != null && !b.over() && b.menu() == run && run.isCurrent(id)) {
          runMenu(b, run.session().played());
        }
      }));
    } else if (action instanceof MenuSession.Wait wait) {
      bridge.replaceTimer(scheduler.schedule(sasId, wait.time(), s -> {
        Bridge b = Bridge.of(s);
        if (b != null && !b.over() && b.menu() == run && run.isCurrent(id)) {
          runMenu(b, run.session().timedOut());
        }
      }));
    } else {
      MenuSession.Go go = (MenuSession.Go) action;
      bridge.menu(null);
      bridge.state().media(null);
      bridge.callerMedia().stopPlaying();
      LOG.info("Call {}: IVR {} -> {}", bridge.state().caller(), run.menu().number(), go.destination().text());
      int hops = go.byCaller() ? 0 : run.hops() + 1;
      flow.carryOut(bridge, router.route(go.destination(), hops));
    }
  }

  /** The sounds of a prompt as one piece of audio; a recording that cannot be read is left out (logged). */
  byte[] audioOf(MenuSession.Play play) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (MenuSession.Sound sound : play.sounds()) {
      try {
        all.writeBytes(sound.recording() != null ? media.recordings().pcm(sound.recording()) : Prompts.get(sound.builtIn()));
      } catch (RuntimeException e) {
        LOG.error("Prompt {} could not be played: {}", sound, e.getMessage());
      }
    }
    return all.toByteArray();
  }
}
