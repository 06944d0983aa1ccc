package org.convergepbx.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudioOfferTest {
  private static final String LINPHONE_LIKE =
      "v=0\r\no=alice 123 456 IN IP4 192.0.2.5\r\ns=Talk\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\n"
          + "m=audio 7078 RTP/AVP 96 8 0 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"
          + "m=video 9078 RTP/AVP 97\r\nc=IN IP4 192.0.2.99\r\n";

  @Test
  void theAudioStreamAndItsDtmfPayloadAreRead() {
    AudioOffer offer = AudioOffer.parse(LINPHONE_LIKE);
    assertEquals("192.0.2.5", offer.address());
    assertEquals(7078, offer.port());
    assertEquals(List.of(96, 8, 0, 101), offer.payloadTypes());
    assertEquals(101, offer.telephoneEvent());
    assertEquals(Optional.of(G711.PCMA), offer.codec(), "the phone's first G.711 choice");
  }

  @Test
  void theAnswerAcceptsOneCodecAndTelephoneEvent() {
    String answer = AudioOffer.parse(LINPHONE_LIKE).answer("127.0.0.1", 20000, G711.PCMA, 42);
    assertTrue(answer.contains("m=audio 20000 RTP/AVP 8 101\r\n"), answer);
    assertTrue(answer.contains("a=rtpmap:8 PCMA/8000\r\n"), answer);
    assertTrue(answer.contains("a=rtpmap:101 telephone-event/8000\r\n"), answer);
    assertTrue(answer.contains("c=IN IP4 127.0.0.1\r\n"), answer);
  }

  @Test
  void anOfferWithoutAudioOrAddressIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AudioOffer.parse("v=0\r\nm=video 1 RTP/AVP 97\r\n"));
    assertThrows(IllegalArgumentException.class, () -> AudioOffer.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\n"));
    assertThrows(IllegalArgumentException.class, () -> AudioOffer.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio x RTP/AVP 0\r\n"));
  }

  @Test
  void theServersOwnOfferReadsBackAsG711AndTelephoneEvent() {
    AudioOffer own = AudioOffer.parse(AudioOffer.offer("127.0.0.1", 20002, 7));
    assertEquals(List.of(0, 8, 101), own.payloadTypes());
    assertEquals(20002, own.port());
    assertEquals(AudioOffer.OFFERED_TELEPHONE_EVENT, own.telephoneEvent());
    assertEquals(Optional.of(G711.PCMU), own.codec());
  }
}
