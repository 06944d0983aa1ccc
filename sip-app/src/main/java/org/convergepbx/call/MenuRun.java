package org.convergepbx.call;

import org.convergepbx.ivr.IvrMenu;
import org.convergepbx.ivr.MenuSession;

/**
 * A caller in an IVR menu on a call: the menu's state machine and the number of the latest action, so that a
 * prompt's end or a timer of an action already replaced (by a key) is recognised and ignored.
 */
final class MenuRun {
  private final IvrMenu menu;
  private final MenuSession session;
  private final int hops;
  private long action;

  MenuRun(IvrMenu menu, MenuSession session, int hops) {
    this.menu = menu;
    this.session = session;
    this.hops = hops;
  }

  IvrMenu menu() {
    return menu;
  }

  MenuSession session() {
    return session;
  }

  /** How many destinations the call passed through before this menu. */
  int hops() {
    return hops;
  }

  /** Starts a new action; the previous one's completion will no longer count. */
  long nextAction() {
    return ++action;
  }

  boolean isCurrent(long id) {
    return id == action;
  }
}
