package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cafesip.sipunit.SipCall;
import org.convergepbx.media.Prompts;
import org.junit.jupiter.api.Test;

/**
 * Day/Night controls: calls reach one through a ring group nobody can answer (its no-answer destination is
 * the control), and go to the day or night destination by the mode set over HTTP, by {@code *28n} from a phone
 * (with a PIN), or by a time group.
 */
class DayNightIT extends ContainerTest {

  @Test
  void theModeSetOverHttpOrByFeatureCodeChoosesTheDestination() throws InterruptedException {
    Party day = callee();
    Party night = callee();
    String entry = entryTo(control(1, day, night, null, null));

    assertRings(entry, day);
    hearCode(caller(), "*281", Prompts.NIGHT_MODE);
    assertEquals("night", json(api.get("/api/v1/daynight/1")).path("mode").asText());
    assertRings(entry, night);
    assertEquals(200, api.put("/api/v1/daynight/1/mode", "{\"mode\":\"day\"}").statusCode());
    assertRings(entry, day);
  }

  @Test
  void aControlWithAPinTogglesOnlyWithIt() {
    Party day = callee();
    Party night = callee();
    control(2, day, night, "4321", null);
    Party phone = caller();
    dialCode(phone, "*282", 403);
    dialCode(phone, "*282*1111", 403);
    assertEquals("day", json(api.get("/api/v1/daynight/2")).path("mode").asText(), "a refused toggle changes nothing");
    dialCode(phone, "*282*4321", 200);
    JsonNode state = json(api.get("/api/v1/daynight/2"));
    assertEquals("night", state.path("mode").asText(), state.toString());
    assertEquals(true, state.path("hasPin").asBoolean(), state.toString());
  }

  @Test
  void aTimeGroupSchedulesTheModeAndAManualSettingOverridesIt() {
    Party day = callee();
    Party night = callee();
    String group = "it-" + uniqueNumber();
    assertEquals(201, timeGroup(group, "*|*|*|*").statusCode());
    String entry = entryTo(control(3, day, night, null, group));
    JsonNode state = json(api.get("/api/v1/daynight/3"));
    assertEquals("day", state.path("mode").asText(), state.toString());
    assertEquals("schedule", state.path("modeSource").asText(), state.toString());

    assertEquals(200, timeGroup(group, "*|*|31|feb").statusCode(), "a rule that never matches");
    assertEquals("night", json(api.get("/api/v1/daynight/3")).path("mode").asText());
    assertRings(entry, night);

    JsonNode manual = json(api.put("/api/v1/daynight/3/mode", "{\"mode\":\"day\"}"));
    assertEquals("manual", manual.path("modeSource").asText(), manual.toString());
    assertTrue(manual.path("manualUntil").isMissingNode(), "a schedule that never changes: until set again " + manual);
    assertRings(entry, day);
    assertEquals(409, api.delete("/api/v1/timegroups/" + group).statusCode(), "control 3 follows it");
  }

  @Test
  void badControlsAndTimeGroupsAreRefusedNamingTheField() {
    Party day = callee();
    String body = "{\"dayDestination\":\"extension:" + day.number() + "\",\"nightDestination\":\"hangup\"}";
    assertField(api.put("/api/v1/daynight/10", body), "index");
    assertField(api.put("/api/v1/daynight/4", "{\"dayDestination\":\"extension:99999999\",\"nightDestination\":\"hangup\"}"), "dayDestination");
    assertField(api.put("/api/v1/daynight/4", "{\"dayDestination\":\"hangup\"}"), "nightDestination");
    assertField(api.put("/api/v1/daynight/4", body.replace("}", ",\"pin\":\"12\"}")), "pin");
    assertField(api.put("/api/v1/daynight/4", body.replace("}", ",\"timeGroup\":\"nope\"}")), "timeGroup");
    assertField(api.put("/api/v1/daynight/4/mode", "{\"mode\":\"evening\"}"), "mode");

    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group,
        "{\"strategy\":\"ringall\",\"ringTime\":5,\"members\":[\"" + day.number() + "\"],\"noAnswer\":\"hangup\"}").statusCode());
    int created = api.put("/api/v1/daynight/4",
        "{\"dayDestination\":\"ringgroup:" + group + "\",\"nightDestination\":\"hangup\"}").statusCode();
    assertTrue(created == 201 || created == 200, "control 4: " + created);
    assertField(api.put("/api/v1/ringgroups/" + group,
        "{\"strategy\":\"ringall\",\"ringTime\":5,\"members\":[\"" + day.number() + "\"],\"noAnswer\":\"daynight:4\"}"), "noAnswer");

    assertField(timeGroup("it-bad", "08:00-17:00|weekdays|*|*"), "rules[0]");
    assertField(api.put("/api/v1/timegroups/it-bad", "{\"timeZone\":\"Mars/Olympus\",\"rules\":[\"*|*|*|*\"]}"), "timeZone");
    assertField(api.put("/api/v1/timegroups/Bad%20Name", "{\"rules\":[\"*|*|*|*\"]}"), "name");
    assertField(api.put("/api/v1/timegroups/it-long", "{\"description\":\"" + "x".repeat(81) + "\",\"rules\":[\"*|*|*|*\"]}"), "description");
    assertEquals(404, api.get("/api/v1/daynight/5").statusCode());
  }

  /** A ring group whose only member has no phone registered: its calls go straight to the control. */
  private String entryTo(int index) {
    String nobody = uniqueNumber();
    api.provision(nobody, "secret-" + nobody);
    String group = uniqueNumber();
    assertEquals(201, api.put("/api/v1/ringgroups/" + group,
        "{\"strategy\":\"ringall\",\"ringTime\":5,\"members\":[\"" + nobody + "\"],\"noAnswer\":\"daynight:" + index + "\"}").statusCode());
    return group;
  }

  private int control(int index, Party day, Party night, String pin, String timeGroup) {
    String body = "{\"description\":\"reception\",\"dayDestination\":\"extension:" + day.number()
        + "\",\"nightDestination\":\"extension:" + night.number() + "\""
        + (pin == null ? "" : ",\"pin\":\"" + pin + "\"")
        + (timeGroup == null ? "" : ",\"timeGroup\":\"" + timeGroup + "\"") + "}";
    int status = api.put("/api/v1/daynight/" + index, body).statusCode();
    assertTrue(status == 201 || status == 200, "control " + index + ": " + status);
    if (timeGroup == null) {
      assertEquals(200, api.put("/api/v1/daynight/" + index + "/mode", "{\"mode\":\"day\"}").statusCode());
    }
    return index;
  }

  private java.net.http.HttpResponse<String> timeGroup(String name, String rule) {
    return api.put("/api/v1/timegroups/" + name, "{\"timeZone\":\"Europe/Zurich\",\"rules\":[\"" + rule + "\"]}");
  }

  /** A call to the entry number rings {@code who}, who answers. */
  private void assertRings(String entry, Party who) {
    SipCall in = listen(List.of(who)).get(0);
    SipCall out = dial(caller(), uriOf(entry));
    ring(in);
    answerAndHangUp(out, in);
  }

  /** The code's call is answered with audio: the phone hears the prompt, whole, then the server hangs up. */
  private void hearCode(Party phone, String code, String prompt) throws InterruptedException {
    try (PhoneMedia media = new PhoneMedia()) {
      SipCall out = phones.dial(phone.phone(), phone.number(), phone.secret(), "sip:" + code + "@" + Phones.DOMAIN,
          media.sdp());
      assertEquals(200, finalResponse(out), out.format());
      media.connect(new String(out.getLastReceivedResponse().getRawContent(), java.nio.charset.StandardCharsets.UTF_8));
      assertTrue(out.listenForDisconnect(), out.format());
      assertTrue(out.sendInviteOkAck(), out.format());
      int packets = Prompts.get(prompt).length / 2 / 160;
      short[] heard = PhoneMedia.pcm(media.receive(packets));
      assertTrue(PhoneMedia.rms(heard) > 300, "the result is said: rms " + PhoneMedia.rms(heard));
      assertTrue(out.waitForDisconnect(TIMEOUT), out.format());
      assertTrue(out.respondToDisconnect(), out.format());
      assertTrue(media.drain() <= 1, "the prompt is said once, then the BYE");
    }
  }

  private void dialCode(Party phone, String code, int expected) {
    SipCall out = dial(phone, "sip:" + code + "@" + Phones.DOMAIN);
    assertEquals(expected, finalResponse(out), out.format());
    if (expected == 200) {
      assertTrue(out.listenForDisconnect(), out.format());
      assertTrue(out.sendInviteOkAck(), out.format());
      assertTrue(out.waitForDisconnect(TIMEOUT), out.format());
      assertTrue(out.respondToDisconnect(), out.format());
    }
  }
}
