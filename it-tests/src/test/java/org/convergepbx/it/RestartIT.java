package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart of pbx-server.jar keeps registrations: they are in the database, not in memory. */
class RestartIT {
  private static final long TIMEOUT = 5000;

  @TempDir Path data;

  @Test
  void registrationSurvivesARestartAndTheCallStillReachesThePhone() {
    int sip = FreePorts.next();
    int http = FreePorts.next();
    try (Phones phones = new Phones("127.0.0.1", sip)) {
      SipPhone bob;
      try (PbxServerProcess first = new PbxServerProcess(data, sip, http, Map.of()).start()) {
        first.api().provision("4501", "bob-secret-1");
        first.api().provision("4502", "alice-secret-1");
        bob = phones.phone("4501", "bob-secret-1");
        assertTrue(bob.register("4501", "bob-secret-1", null, 3600, TIMEOUT), bob.format());
        int code = first.stop();
        assertEquals(143, code, "SIGTERM ends the JVM with 128+15\n" + first.output());
        assertTrue(first.output().contains("Converge PBX stopped"), first.output());
        assertFalse(first.output().contains("SEVERE"), first.output());
      }

      try (PbxServerProcess second = new PbxServerProcess(data, sip, http, Map.of()).start()) {
        String ext = second.api().get("/api/v1/extensions/4501").body();
        assertTrue(ext.contains(Phones.contactOf(bob)), ext);

        SipPhone alice = phones.phone("4502", "alice-secret-1");
        SipCall in = bob.createSipCall();
        assertTrue(in.listenForIncomingCall());
        SipCall out = phones.dial(alice, "4502", "alice-secret-1", "sip:4501@" + Phones.DOMAIN);
        assertTrue(in.waitForIncomingCall(TIMEOUT), in.format());
        assertTrue(in.sendIncomingCallResponse(200, "OK", 0), in.format());
        assertTrue(out.waitForAnswer(TIMEOUT), out.format());
        assertTrue(out.sendInviteOkAck(), out.format());
        assertTrue(out.disconnect(), out.format());
        assertTrue(in.waitForDisconnect(TIMEOUT), in.format());
        assertTrue(in.respondToDisconnect(), in.format());
        assertTrue(bob.unregister(Phones.contactOf(bob), TIMEOUT), bob.format());
      }
    }
  }
}
