package org.convergepbx.sip;

import java.util.ArrayList;
import java.util.List;

/** The little SDP the server writes itself (it passes the phones' SDP through untouched otherwise). */
public final class Sdp {
  private Sdp() {}

  /**
   * An answer that declines every media stream of {@code offer} (RFC 3264 §6: port 0), for calls the server
   * answers only to hang up; with no offer, an offer of one declined audio stream.
   */
  public static String declineAll(String offer, String host) {
    List<String> media = new ArrayList<>();
    if (offer != null) {
      for (String line : offer.split("\r?\n")) {
        if (line.startsWith("m=")) {
          String[] parts = line.substring(2).split(" ", 3);
          if (parts.length == 3) {
            media.add("m=" + parts[0] + " 0 " + parts[2]);
          }
        }
      }
    }
    if (media.isEmpty()) {
      media.add("m=audio 0 RTP/AVP 0");
    }
    StringBuilder sdp = new StringBuilder();
    sdp.append("v=0\r\n");
    sdp.append("o=- 0 0 IN IP4 ").append(host).append("\r\n");
    sdp.append("s=-\r\n");
    sdp.append("c=IN IP4 ").append(host).append("\r\n");
    sdp.append("t=0 0\r\n");
    media.forEach(m -> sdp.append(m).append("\r\n"));
    return sdp.toString();
  }
}
