package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.convergepbx.media.AudioOffer;
import org.convergepbx.media.G711;
import org.convergepbx.media.RtpEndpoint;
import org.convergepbx.media.RtpPacket;
import org.convergepbx.media.TelephoneEvent;
import org.convergepbx.media.Tones;

/**
 * A test phone's audio: a real RTP socket on loopback, what the server sends it, and keys pressed as RFC 4733
 * telephone-events (payload type 101).
 */
final class PhoneMedia implements AutoCloseable {
  private static final int TELEPHONE_EVENT = 101;
  private final RtpEndpoint rtp;
  private final LinkedBlockingQueue<RtpPacket> heard = new LinkedBlockingQueue<>();
  private int sequence = 50_000;
  private long eventTimestamp = 800_000;

  PhoneMedia() {
    rtp = RtpEndpoint.bind("127.0.0.1", 42000, 42998);
    rtp.onPacket(heard::add);
  }

  int port() {
    return rtp.port();
  }

  /** The phone's SDP (offer or answer): PCMU and telephone-event. */
  String sdp() {
    return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + port() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
  }

  /** Sends to (and accepts packets only from) the server's side of the SDP exchange. */
  void connect(String serverSdp) {
    AudioOffer server = AudioOffer.parse(serverSdp);
    rtp.connect(new InetSocketAddress(server.address(), server.port()));
  }

  void send(RtpPacket packet) {
    rtp.send(packet);
  }

  /** Presses a key: the event's start packet and its three end packets, sharing one timestamp. */
  void press(char key) {
    int code = TelephoneEvent.codeOf(key);
    long ts = eventTimestamp += 8000;
    rtp.send(new RtpPacket(true, TELEPHONE_EVENT, sequence++, ts, 99, new TelephoneEvent(code, false, 10, 160).toBytes()));
    for (int i = 1; i <= 3; i++) {
      rtp.send(new RtpPacket(false, TELEPHONE_EVENT, sequence++, ts, 99, new TelephoneEvent(code, true, 10, 800).toBytes()));
    }
  }

  /** The next {@code packets} packets from the server; fails if they do not come. */
  List<RtpPacket> receive(int packets) throws InterruptedException {
    List<RtpPacket> got = new ArrayList<>();
    while (got.size() < packets) {
      RtpPacket p = heard.poll(2, TimeUnit.SECONDS);
      assertNotNull(p, "RTP from the server (" + got.size() + " of " + packets + " packets)");
      got.add(p);
    }
    return got;
  }

  /** Forgets what was heard so far. */
  void clear() {
    heard.clear();
  }

  /** Forgets what was heard so far and says how many packets that was. */
  int drain() {
    List<RtpPacket> rest = new ArrayList<>();
    heard.drainTo(rest);
    return rest.size();
  }

  /** The audio of PCMU packets as 16-bit samples. */
  static short[] pcm(List<RtpPacket> packets) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    packets.forEach(p -> all.writeBytes(G711.PCMU.decode(p.payload())));
    return Tones.samples(all.toByteArray());
  }

  /** Root-mean-square level of samples. */
  static double rms(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, samples.length));
  }

  @Override
  public void close() {
    rtp.close();
  }
}
