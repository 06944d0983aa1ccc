package org.convergepbx.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.convergepbx.voicemail.ListeningSession.HangUp;
import org.convergepbx.voicemail.ListeningSession.Say;
import org.convergepbx.voicemail.ListeningSession.Sound;
import org.convergepbx.voicemail.ListeningSession.Wait;
import org.junit.jupiter.api.Test;

class ListeningSessionTest {
  private final List<String> stored = new ArrayList<>(List.of("m1", "m2"));
  private final ListeningSession session = new ListeningSession(new ListeningSession.Box() {
    @Override
    public boolean opensWith(String pin) {
      return "4321".equals(pin);
    }

    @Override
    public List<String> messages() {
      return stored;
    }

    @Override
    public void delete(String id) {
      stored.remove(id);
    }
  });

  private static Say say(String... prompts) {
    return new Say(java.util.Arrays.stream(prompts).map(Sound::prompt).toList());
  }

  private Object enter(String keys) {
    Object last = null;
    for (char k : keys.toCharArray()) {
      last = session.key(k);
    }
    return last;
  }

  @Test
  void thePinOpensTheBoxAndTheFirstMessagePlays() {
    assertEquals(say("enter-pin"), session.start());
    assertEquals(new Wait(ListeningSession.WAIT), session.played());
    assertEquals(new Wait(ListeningSession.WAIT), session.key('4'));
    assertEquals(new Say(List.of(Sound.prompt("you-have"), Sound.number(2), Sound.prompt("new-messages"),
        Sound.message("m1"), Sound.prompt("message-menu"))), enter("321#"));
  }

  @Test
  void theMenuReplaysSkipsDeletesAndEnds() {
    session.start();
    enter("4321#");
    assertEquals(new Say(List.of(Sound.message("m1"), Sound.prompt("message-menu"))), session.key('1'));
    assertEquals(new Say(List.of(Sound.prompt("message-deleted"), Sound.message("m2"), Sound.prompt("message-menu"))),
        session.key('7'));
    assertEquals(List.of("m2"), stored);
    assertEquals(say("no-more-messages", "goodbye"), session.key('3'));
    assertEquals(new HangUp(), session.played());
  }

  @Test
  void threeWrongPinsEndTheCall() {
    session.start();
    assertEquals(say("login-incorrect", "enter-pin"), enter("1111#"));
    assertEquals(say("login-incorrect", "enter-pin"), enter("#"));
    assertEquals(say("login-incorrect", "goodbye"), enter("9#"));
    assertEquals(new HangUp(), session.played());
  }

  @Test
  void silenceIsAskedAgainThenTheCallEnds() {
    session.start();
    assertEquals(say("enter-pin"), session.timedOut());
    assertEquals(say("enter-pin"), session.timedOut());
    assertEquals(say("goodbye"), session.timedOut());
  }

  @Test
  void anEmptyBoxSaysSoAndAnUnknownKeyIsInvalid() {
    stored.clear();
    session.start();
    assertEquals(say("no-messages", "goodbye"), enter("4321#"));
    ListeningSession other = new ListeningSession(new ListeningSession.Box() {
      @Override
      public boolean opensWith(String pin) {
        return true;
      }

      @Override
      public List<String> messages() {
        return List.of("m");
      }

      @Override
      public void delete(String id) {}
    });
    other.key('#');
    assertEquals(say("invalid-option", "message-menu"), other.key('5'));
    assertEquals(say("goodbye"), other.key('#'));
  }
}
