package org.convergepbx.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SdpTest {
  @Test
  void everyOfferedStreamIsDeclinedWithPortZeroKeepingItsFormats() {
    String offer =
        "v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\nm=video 40002 RTP/AVP 96\r\n";
    String answer = Sdp.declineAll(offer, "127.0.0.1");
    assertTrue(answer.contains("m=audio 0 RTP/AVP 0 8 101\r\n"), answer);
    assertTrue(answer.contains("m=video 0 RTP/AVP 96\r\n"), answer);
    assertTrue(answer.startsWith("v=0\r\n"), answer);
    assertFalse(answer.contains("40000"), answer);
  }

  @Test
  void withoutAnOfferOneDeclinedAudioStreamIsOffered() {
    assertTrue(Sdp.declineAll(null, "127.0.0.1").contains("m=audio 0 RTP/AVP 0\r\n"));
  }
}
