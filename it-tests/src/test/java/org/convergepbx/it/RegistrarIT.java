package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.Test;

/** REGISTER against the real container: digest authentication, bindings, refresh and removal. */
class RegistrarIT extends ContainerTest {

  @Test
  void phoneRegistersWithItsPassword() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    SipPhone phone = phones.phone(ext, "secret-" + ext);

    assertTrue(phone.register(ext, "secret-" + ext, null, 600, TIMEOUT), phone.format());

    String body = api.get("/api/v1/extensions/" + ext).body();
    assertTrue(body.contains(Phones.contactOf(phone)), body);
  }

  @Test
  void wrongPasswordIsRefusedAndBindsNothing() {
    String ext = uniqueNumber();
    api.provision(ext, "right-password");
    try (RawSip raw = new RawSip(SIP_PORT)) {
      String answer = registerWithDigest(raw, ext, ext, "wrong-password", 600);
      assertTrue(answer.startsWith("SIP/2.0 401"), answer);
    }
    assertTrue(api.get("/api/v1/extensions/" + ext).body().contains("\"registrations\":[]"));
  }

  @Test
  void replayedNonceCountIsRefused() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      String callId = "replay-" + ext;
      String nonce = nonceFrom(raw, ext, callId);
      String auth = Digest.authorization(ext, Phones.DOMAIN, "secret-" + ext, "REGISTER", "sip:" + Phones.DOMAIN, nonce, 1);
      raw.send(register(raw, ext, callId, 2, 600) + "Authorization: " + auth + "\nContent-Length: 0\n\n");
      String first = raw.awaitFinalResponse((int) TIMEOUT);
      assertTrue(first.startsWith("SIP/2.0 200"), first);

      raw.send(register(raw, ext, callId, 3, 600) + "Authorization: " + auth + "\nContent-Length: 0\n\n");
      String replay = raw.awaitFinalResponse((int) TIMEOUT);
      assertTrue(replay.startsWith("SIP/2.0 401"), replay);
    }
  }

  @Test
  void unknownAndKnownUsersGetTheSameChallenge() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    String known = challengeFor(ext);
    String unknown = challengeFor("99" + uniqueNumber());
    assertEquals(shape(known), shape(unknown));
    assertTrue(known.startsWith("SIP/2.0 401"), known);
  }

  @Test
  void unregisterRemovesTheBinding() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    SipPhone phone = phones.phone(ext, "secret-" + ext);
    assertTrue(phone.register(ext, "secret-" + ext, null, 600, TIMEOUT), phone.format());

    assertTrue(phone.unregister(Phones.contactOf(phone), TIMEOUT), phone.format());

    assertTrue(api.get("/api/v1/extensions/" + ext).body().contains("\"registrations\":[]"));
  }

  @Test
  void wildcardUnregisterRemovesEveryContact() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    SipPhone desk = phones.phone(ext, "secret-" + ext);
    SipPhone mobile = phones.phone(ext, "secret-" + ext);
    assertTrue(desk.register(ext, "secret-" + ext, null, 600, TIMEOUT), desk.format());
    assertTrue(mobile.register(ext, "secret-" + ext, null, 600, TIMEOUT), mobile.format());
    String both = api.get("/api/v1/extensions/" + ext).body();
    assertTrue(both.contains(Phones.contactOf(desk)) && both.contains(Phones.contactOf(mobile)), both);

    assertTrue(desk.unregister("*", TIMEOUT), desk.format());

    assertTrue(api.get("/api/v1/extensions/" + ext).body().contains("\"registrations\":[]"));
  }

  @Test
  void registeringSomeoneElsesNumberIsForbidden() {
    String alice = uniqueNumber();
    String bob = uniqueNumber();
    api.provision(alice, "secret-" + alice);
    api.provision(bob, "secret-" + bob);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      String answer = registerWithDigest(raw, alice, bob, "secret-" + alice, 600);
      assertTrue(answer.startsWith("SIP/2.0 403"), answer);
    }
    assertTrue(api.get("/api/v1/extensions/" + bob).body().contains("\"registrations\":[]"));
  }

  @Test
  void tooShortIntervalGets423WithMinExpires() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      String answer = registerWithDigest(raw, ext, ext, "secret-" + ext, 10);
      assertTrue(answer.startsWith("SIP/2.0 423"), answer);
      assertTrue(answer.contains("Min-Expires: 60"), answer);
    }
  }

  @Test
  void refreshKeepsOneBindingPerContact() {
    String ext = uniqueNumber();
    api.provision(ext, "secret-" + ext);
    try (RawSip raw = new RawSip(SIP_PORT)) {
      assertTrue(registerWithDigest(raw, ext, ext, "secret-" + ext, 600).startsWith("SIP/2.0 200"));
      String refreshed = registerWithDigest(raw, ext, ext, "secret-" + ext, 1200);
      assertTrue(refreshed.startsWith("SIP/2.0 200"), refreshed);
      assertTrue(refreshed.contains("expires=1200"), refreshed);
    }

    String body = api.get("/api/v1/extensions/" + ext).body();
    assertEquals(1, count(body, "\"contact\""), body);
    Matcher m = Pattern.compile("\"expiresIn\":(\\d+)").matcher(body);
    assertTrue(m.find(), body);
    assertTrue(Integer.parseInt(m.group(1)) > 600, "refresh should extend the binding: " + body);
  }

  /** REGISTERs {@code aor} from this socket authenticating as {@code authUser}; the final answer. */
  private static String registerWithDigest(RawSip raw, String authUser, String aor, String password, int expires) {
    String callId = "reg-" + aor + "-" + System.nanoTime();
    return raw.sendAuthenticated(
        cseq -> register(raw, aor, callId, cseq, expires), "REGISTER", "sip:" + Phones.DOMAIN, authUser, password);
  }

  private String nonceFrom(RawSip raw, String aor, String callId) {
    raw.send(register(raw, aor, callId, 1, 600) + "Content-Length: 0\n\n");
    String challenge = raw.awaitFinalResponse((int) TIMEOUT);
    assertNotNull(challenge, "no challenge");
    assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
    return Digest.challengeParam(challenge, "WWW-Authenticate", "nonce");
  }

  private static String register(RawSip raw, String aor, String callId, int cseq, int expires) {
    return raw.request("REGISTER", "sip:" + Phones.DOMAIN, aor, aor, callId, cseq)
        + "Contact: <sip:" + aor + "@127.0.0.1:" + raw.localPort() + ">\n"
        + "Expires: " + expires + "\n";
  }

  private String challengeFor(String user) {
    try (RawSip raw = new RawSip(SIP_PORT)) {
      String callId = "chal-" + user;
      raw.send(
          raw.request("REGISTER", "sip:" + Phones.DOMAIN, user, user, callId, 1)
              + "Contact: <sip:" + user + "@127.0.0.1:" + raw.localPort() + ">\n"
              + "Expires: 600\nContent-Length: 0\n\n");
      String resp = raw.awaitFinalResponse((int) TIMEOUT);
      assertNotNull(resp, "no answer to REGISTER for " + user);
      return resp;
    }
  }

  /** The response line and the challenge with its nonce blanked out. */
  private static String shape(String response) {
    String status = response.substring(0, response.indexOf('\r'));
    Matcher m = Pattern.compile("(?im)^WWW-Authenticate:(.*)$").matcher(response);
    assertTrue(m.find(), response);
    return status + "|" + m.group(1).replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"").trim();
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
