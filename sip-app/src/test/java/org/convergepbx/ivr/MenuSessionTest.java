package org.convergepbx.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convergepbx.ivr.MenuSession.Go;
import org.convergepbx.ivr.MenuSession.Play;
import org.convergepbx.ivr.MenuSession.Sound;
import org.convergepbx.ivr.MenuSession.Wait;
import org.convergepbx.routing.Destination;
import org.junit.jupiter.api.Test;

class MenuSessionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Destination INFO = new Destination.RingGroupTarget("301");
  private static final Destination SUPPORT = new Destination.RingGroupTarget("302");
  private static final Destination OPERATOR = new Destination.ExtensionTarget("1000");
  private static final Set<String> EXTENSIONS = Set.of("1000", "1001", "2001");
  private static final Play ANNOUNCEMENT = new Play(List.of(Sound.recording("main-menu")));

  private static IvrMenu menu(Character repeat, boolean directDial, int retries) {
    return new IvrMenu("500", "main-menu", Map.of('1', INFO, '2', SUPPORT), TIMEOUT, retries, retries, null, null,
        repeat, directDial, Destination.HANG_UP, OPERATOR);
  }

  private static MenuSession session(IvrMenu menu) {
    return new MenuSession(menu, EXTENSIONS::contains, p -> EXTENSIONS.stream().anyMatch(e -> e.startsWith(p) && !e.equals(p)));
  }

  @Test
  void theAnnouncementPlaysThenTheMenuWaitsForAKeyThatLeadsOn() {
    MenuSession s = session(menu(null, false, 3));
    assertEquals(ANNOUNCEMENT, s.start());
    assertEquals(new Wait(TIMEOUT), s.played());
    assertEquals(new Go(SUPPORT, true), s.key('2'));
  }

  @Test
  void invalidKeysAreForgivenUpToTheRetriesThenTheInvalidDestination() {
    MenuSession s = session(menu(null, false, 2));
    s.start();
    Play retry = new Play(List.of(Sound.builtIn("invalid-option"), Sound.recording("main-menu")));
    assertEquals(retry, s.key('9'));
    assertEquals(retry, s.key('*'));
    assertEquals(new Go(Destination.HANG_UP, false), s.key('9'));
  }

  @Test
  void silenceIsForgivenUpToTheRetriesThenTheTimeoutDestination() {
    MenuSession s = session(menu(null, false, 1));
    s.start();
    s.played();
    assertEquals(new Play(List.of(Sound.builtIn("no-input"), Sound.recording("main-menu"))), s.timedOut());
    s.played();
    assertEquals(new Go(OPERATOR, false), s.timedOut());
  }

  @Test
  void theRepeatKeyReplaysTheAnnouncementWithoutCounting() {
    MenuSession s = session(menu('3', false, 0));
    s.start();
    assertEquals(ANNOUNCEMENT, s.key('3'));
    assertEquals(ANNOUNCEMENT, s.key('3'));
    assertEquals(new Go(INFO, true), s.key('1'));
  }

  @Test
  void directDialCollectsAnExtensionsNumber() {
    MenuSession s = session(menu(null, true, 3));
    s.start();
    assertEquals(new Wait(MenuSession.INTER_DIGIT), s.key('1'), "1 begins 1000 and 1001: wait for more");
    assertEquals(new Wait(MenuSession.INTER_DIGIT), s.key('0'));
    assertEquals(new Wait(MenuSession.INTER_DIGIT), s.key('0'));
    assertEquals(new Go(new Destination.ExtensionTarget("1001"), true), s.key('1'), "complete: no longer prefix");
  }

  @Test
  void directDialEndsOnPoundOrSilence() {
    MenuSession s = session(menu(null, true, 3));
    s.start();
    s.key('2');
    assertEquals(new Go(SUPPORT, true), s.timedOut(), "2 alone, then silence: the key's destination");
    MenuSession t = session(menu(null, true, 3));
    t.start();
    t.key('1');
    t.key('0');
    assertEquals(new Play(List.of(Sound.builtIn("invalid-option"), Sound.recording("main-menu"))), t.key('#'),
        "10 is no extension and no key");
  }

  @Test
  void withoutDirectDialAKeyThatBeginsAnExtensionLeadsOnAtOnce() {
    MenuSession s = session(menu(null, false, 3));
    s.start();
    assertEquals(new Go(INFO, true), s.key('1'));
  }

  @Test
  void withoutAnAnnouncementTheMenuWaitsAtOnce() {
    IvrMenu silent = new IvrMenu("500", null, Map.of('1', INFO), TIMEOUT, 3, 3, null, "sorry", null, false,
        Destination.HANG_UP, Destination.HANG_UP);
    MenuSession s = session(silent);
    assertEquals(new Wait(TIMEOUT), s.start());
    assertEquals(new Play(List.of(Sound.recording("sorry"))), s.timedOut());
  }
}
