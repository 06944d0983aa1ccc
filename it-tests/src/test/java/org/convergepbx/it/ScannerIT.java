package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Requests from known scanners' User-Agents get no answer at all; the same requests from a phone do. */
class ScannerIT extends ContainerTest {
  @Test
  void aScannerIsDroppedSilentlyWhileAPhoneIsAnswered() {
    try (RawSip raw = new RawSip(SIP_PORT)) {
      for (String ua : new String[] {"friendly-scanner", "sipvicious-0.3.4", "sipcli/v1.8"}) {
        raw.send(raw.request("OPTIONS", "sip:100@" + Phones.DOMAIN, "100", "100", "scan-" + ua.hashCode(), 1)
            + "User-Agent: " + ua + "\nContent-Length: 0\n\n");
        assertNull(raw.awaitFinalResponse(1000), ua + " gets no answer");
        raw.send(raw.request("REGISTER", "sip:" + Phones.DOMAIN, "100", "100", "scanreg-" + ua.hashCode(), 1)
            + "Contact: <sip:100@127.0.0.1:" + raw.localPort() + ">\nUser-Agent: " + ua + "\nContent-Length: 0\n\n");
        assertNull(raw.awaitFinalResponse(1000), ua + ": REGISTER gets no challenge either");
      }
      raw.send(raw.request("OPTIONS", "sip:100@" + Phones.DOMAIN, "100", "100", "phone-options", 1)
          + "User-Agent: Linphone/5.1.0\nContent-Length: 0\n\n");
      String answer = raw.awaitFinalResponse((int) TIMEOUT);
      assertNotNull(answer, "a phone's OPTIONS is answered");
      assertTrue(answer.startsWith("SIP/2.0 200"), answer);
    }
  }
}
