package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A banned flood costs the server no memory: on a server started as ops start it, the launcher's SIP stack
 * drops a banned source's requests before it keeps any state for them (the source gate valve). Without it, each
 * unanswered request would hold a server transaction, a SIP session and an application session for good.
 */
class FloodIT {
  private static final int FLOOD = 6000;

  @TempDir Path dir;

  @Test
  void aBannedFloodLeavesNoTransactionsBehindAndTheServerKeepsAnswering() throws Exception {
    try (PbxServerProcess server = new PbxServerProcess(dir.resolve("pbx")).start()) {
      Process sipp = new ProcessBuilder("sipp", "-sf",
          Path.of(System.getProperty("pbx.sipp.dir"), "options-flood.xml").toString(), "127.0.0.1:" + server.sipPort(),
          "-i", "127.0.0.2", "-p", String.valueOf(FreePorts.next()), "-m", String.valueOf(FLOOD), "-r", "2000",
          "-timeout", "60", "-nostdin")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sipp.out").toFile()).start();
      assertTrue(sipp.waitFor(90, TimeUnit.SECONDS), "the flood did not end");

      long transactions = server.liveInstances("gov.nist.javax.sip.stack.SIPServerTransactionImpl");
      long sessions = server.liveInstances("org.mobicents.servlet.sip.core.session.SipApplicationSessionImpl");
      assertTrue(transactions < FLOOD / 20, transactions + " server transactions kept after " + FLOOD + " requests");
      assertTrue(sessions < FLOOD / 20, sessions + " application sessions kept after " + FLOOD + " requests");
      assertTrue(server.api().get("/api/v1/bans").body().contains("\"127.0.0.2\""), "the flooding source is banned");
      try (RawSip phone = new RawSip(server.sipPort())) {
        phone.send(phone.request("OPTIONS", "sip:" + Phones.DOMAIN, "ops", "ops", "after-flood", 1)
            + "Content-Length: 0\n\n");
        assertNotNull(phone.awaitFinalResponse(5000), "another source is still answered");
      }
    }
  }
}
