package org.convergepbx.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Hand-written SIP over UDP, for requests no well-behaved client would send. */
public final class RawSip implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetAddress server;
  private final int serverPort;

  public RawSip(int serverPort) {
    this(InetAddress.getLoopbackAddress(), serverPort, "127.0.0.1");
  }

  /** A client on its own socket at {@code localAddress} (another loopback address, as another source). */
  public RawSip(int serverPort, String localAddress) {
    this(InetAddress.getLoopbackAddress(), serverPort, localAddress);
  }

  /** Sends to {@code server} (another 127.0.0.x) from 127.0.0.1. */
  public RawSip(InetAddress server, int serverPort) {
    this(server, serverPort, "127.0.0.1");
  }

  private RawSip(InetAddress server, int serverPort, String localAddress) {
    this.server = server;
    this.serverPort = serverPort;
    try {
      socket = new DatagramSocket(0, InetAddress.getByName(localAddress));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  public void send(String message) {
    byte[] bytes = message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, server, serverPort));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next final response (provisional ones are skipped), or null after {@code timeoutMillis}. */
  public String awaitFinalResponse(int timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    byte[] buf = new byte[65535];
    try {
      while (true) {
        int left = (int) (deadline - System.currentTimeMillis());
        if (left <= 0) {
          return null;
        }
        socket.setSoTimeout(left);
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        if (msg.startsWith("SIP/2.0 ") && msg.charAt(8) != '1') {
          return msg;
        }
      }
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request skeleton: request line and the mandatory headers, to be completed by the caller. */
  public String request(String method, String requestUri, String fromUser, String toUser, String callId, int cseq) {
    return method + " " + requestUri + " SIP/2.0\n"
        + "Via: SIP/2.0/UDP " + socket.getLocalAddress().getHostAddress() + ":" + localPort() + ";branch=z9hG4bK"
        + callId + cseq + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:" + fromUser + "@" + Phones.DOMAIN + ">;tag=raw" + callId + "\n"
        + "To: <sip:" + toUser + "@" + Phones.DOMAIN + ">\n"
        + "Call-ID: " + callId + "\n"
        + "CSeq: " + cseq + " " + method + "\n";
  }

  /**
   * Sends a request, answers the server's 401/407 challenge with qop=auth credentials and returns the final
   * answer to the authenticated request.
   *
   * @param request the request for a CSeq number, without Content-Length and without credentials
   */
  public String sendAuthenticated(
      java.util.function.IntFunction<String> request, String method, String uri, String user, String password) {
    send(request.apply(1) + "Content-Length: 0\n\n");
    String challenge = awaitFinalResponse(5000);
    if (challenge == null || !(challenge.startsWith("SIP/2.0 401") || challenge.startsWith("SIP/2.0 407"))) {
      throw new AssertionError("expected a challenge, got " + challenge);
    }
    boolean proxy = challenge.startsWith("SIP/2.0 407");
    String nonce = Digest.challengeParam(challenge, proxy ? "Proxy-Authenticate" : "WWW-Authenticate", "nonce");
    String auth = Digest.authorization(user, Phones.DOMAIN, password, method, uri, nonce, 1);
    send(request.apply(2) + (proxy ? "Proxy-Authorization: " : "Authorization: ") + auth + "\nContent-Length: 0\n\n");
    String answer = awaitFinalResponse(5000);
    if (answer == null) {
      throw new AssertionError("no answer to the authenticated " + method);
    }
    return answer;
  }

  @Override
  public void close() {
    socket.close();
  }
}
