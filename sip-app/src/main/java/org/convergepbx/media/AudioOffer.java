package org.convergepbx.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the server needs of a phone's SDP offer to exchange audio with it (RFC 4566, RFC 3264): where to send
 * RTP, which payload types it offers in its order of preference, and the payload type of RFC 4733
 * telephone-event if it offers DTMF that way.
 *
 * @param address the connection address (media level, else session level)
 * @param port the audio stream's port (0: the stream is declined)
 * @param payloadTypes the audio payload types, preferred first
 * @param telephoneEvent the telephone-event payload type, or -1
 */
public record AudioOffer(String address, int port, List<Integer> payloadTypes, int telephoneEvent) {
  public AudioOffer {
    payloadTypes = List.copyOf(payloadTypes);
  }

  /**
   * Reads the first audio stream of an SDP body.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static AudioOffer parse(String sdp) {
    String sessionAddress = null;
    String mediaAddress = null;
    int port = -1;
    List<Integer> types = new ArrayList<>();
    int telephoneEvent = -1;
    boolean inAudio = false;
    boolean audioSeen = false;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.trim();
      if (line.startsWith("m=")) {
        inAudio = !audioSeen && line.startsWith("m=audio ");
        if (inAudio) {
          audioSeen = true;
          String[] parts = line.substring(2).split(" ");
          if (parts.length < 4) {
            throw new IllegalArgumentException("malformed m= line: " + line);
          }
          port = number(parts[1], "port");
          for (int i = 3; i < parts.length; i++) {
            types.add(number(parts[i], "payload type"));
          }
        }
      } else if (line.startsWith("c=")) {
        String address = line.substring(line.lastIndexOf(' ') + 1);
        if (audioSeen && inAudio) {
          mediaAddress = address;
        } else if (!audioSeen) {
          sessionAddress = address;
        }
      } else if (inAudio && line.toLowerCase(Locale.ROOT).startsWith("a=rtpmap:")
          && line.toLowerCase(Locale.ROOT).contains("telephone-event/8000")) {
        telephoneEvent = number(line.substring(9, line.indexOf(' ')), "rtpmap payload type");
      }
    }
    if (!audioSeen) {
      throw new IllegalArgumentException("no audio stream (m=audio) in the offer");
    }
    String address = mediaAddress != null ? mediaAddress : sessionAddress;
    if (address == null) {
      throw new IllegalArgumentException("no connection address (c=) for the audio stream");
    }
    return new AudioOffer(address, port, types, telephoneEvent);
  }

  /** The first G.711 codec the phone offers, if any. */
  public Optional<G711> codec() {
    return payloadTypes.stream().map(G711::ofPayloadType).filter(c -> c != null).findFirst();
  }

  /** The SDP answer accepting this offer with {@code codec} (and telephone-event if offered), RTP to us at host:port. */
  public String answer(String host, int localPort, G711 codec, long sessionId) {
    StringBuilder sdp = new StringBuilder();
    sdp.append("v=0\r\n");
    sdp.append("o=- ").append(sessionId).append(' ').append(sessionId).append(" IN IP4 ").append(host).append("\r\n");
    sdp.append("s=-\r\n");
    sdp.append("c=IN IP4 ").append(host).append("\r\n");
    sdp.append("t=0 0\r\n");
    sdp.append("m=audio ").append(localPort).append(" RTP/AVP ").append(codec.payloadType());
    if (telephoneEvent >= 0) {
      sdp.append(' ').append(telephoneEvent);
    }
    sdp.append("\r\n");
    sdp.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.name()).append("/8000\r\n");
    if (telephoneEvent >= 0) {
      sdp.append("a=rtpmap:").append(telephoneEvent).append(" telephone-event/8000\r\n");
      sdp.append("a=fmtp:").append(telephoneEvent).append(" 0-15\r\n");
    }
    sdp.append("a=ptime:20\r\n");
    sdp.append("a=sendrecv\r\n");
    return sdp.toString();
  }

  /** The payload type the server offers RFC 4733 telephone-event on. */
  public static final int OFFERED_TELEPHONE_EVENT = 101;

  /**
   * The server's own SDP offer (when it calls a phone with its media): PCMU, PCMA and telephone-event, RTP to
   * host:port. The phone's answer is read with {@link #parse}.
   */
  public static String offer(String host, int localPort, long sessionId) {
    return "v=0\r\n"
        + "o=- " + sessionId + ' ' + sessionId + " IN IP4 " + host + "\r\n"
        + "s=-\r\n"
        + "c=IN IP4 " + host + "\r\n"
        + "t=0 0\r\n"
        + "m=audio " + localPort + " RTP/AVP 0 8 " + OFFERED_TELEPHONE_EVENT + "\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:" + OFFERED_TELEPHONE_EVENT + " telephone-event/8000\r\n"
        + "a=fmtp:" + OFFERED_TELEPHONE_EVENT + " 0-15\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n";
  }

  private static int number(String text, String what) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed " + what + ": " + text);
    }
  }
}
