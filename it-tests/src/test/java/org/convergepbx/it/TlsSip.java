package org.convergepbx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Hand-written SIP over one TLS connection (as a phone keeps it open), messages framed by Content-Length. */
public final class TlsSip implements AutoCloseable {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:Content-Length|l):\\s*(\\d+)\\s*$");

  private final SSLSocket socket;
  private final InputStream in;

  /** Connects to 127.0.0.1:{@code port} and completes the handshake (failing if the certificate is not trusted). */
  public TlsSip(SSLContext tls, int port) {
    try {
      socket = (SSLSocket) tls.getSocketFactory().createSocket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int localPort() {
    return socket.getLocalPort();
  }

  /** The negotiated protocol, e.g. TLSv1.3. */
  public String protocol() {
    return socket.getSession().getProtocol();
  }

  public void send(String message) {
    try {
      socket.getOutputStream().write(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next final response (provisional ones and requests are skipped), or null after {@code timeoutMillis}. */
  public String awaitFinalResponse(int timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    try {
      while (true) {
        int left = (int) (deadline - System.currentTimeMillis());
        if (left <= 0) {
          return null;
        }
        socket.setSoTimeout(left);
        String msg = readMessage();
        if (msg == null) {
          return null;
        }
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

  /** The next request the server sends on this connection (responses are skipped), or null after the timeout. */
  public String awaitRequest(int timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    try {
      while (true) {
        int left = (int) (deadline - System.currentTimeMillis());
        if (left <= 0) {
          return null;
        }
        socket.setSoTimeout(left);
        String msg = readMessage();
        if (msg == null) {
          return null;
        }
        if (!msg.startsWith("SIP/2.0 ")) {
          return msg;
        }
      }
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A response to {@code request} with its Via, From, To (plus a tag), Call-ID and CSeq, and no body. */
  public static String response(String request, int status, String reason) {
    StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
    for (String line : request.split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(java.util.Locale.ROOT) : "";
      switch (name) {
        case "via", "v", "from", "f", "call-id", "i", "cseq" -> r.append(line).append("\n");
        case "to", "t" -> r.append(line).append(line.contains(";tag=") ? "" : ";tag=tlsphone").append("\n");
        default -> { }
      }
    }
    return r.append("Content-Length: 0\n\n").toString();
  }

  /** One SIP message: the head up to the blank line, then Content-Length bytes of body; null at end of stream. */
  private String readMessage() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (head.size() == 0 && (b == '\r' || b == '\n')) {
        continue; // keep-alive CRLFs between messages
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.UTF_8);
    Matcher m = CONTENT_LENGTH.matcher(text);
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** A request skeleton over TLS: request line and the mandatory headers, to be completed by the caller. */
  public String request(String method, String requestUri, String fromUser, String toUri, String callId, int cseq) {
    return method + " " + requestUri + " SIP/2.0\n"
        + "Via: SIP/2.0/TLS 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + callId + cseq + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:" + fromUser + "@" + Phones.DOMAIN + ">;tag=tls" + callId + "\n"
        + "To: <" + toUri + ">\n"
        + "Call-ID: " + callId + "\n"
        + "CSeq: " + cseq + " " + method + "\n";
  }

  /**
   * Sends a request, checks that the server challenges it (401/407), answers with qop=auth credentials and
   * returns the final answer to the authenticated request.
   */
  public String sendAuthenticated(IntFunction<String> request, String method, String uri, String user, String password) {
    send(request.apply(1) + "Content-Length: 0\n\n");
    String challenge = awaitFinalResponse(5000);
    if (challenge == null || !(challenge.startsWith("SIP/2.0 401") || challenge.startsWith("SIP/2.0 407"))) {
      throw new AssertionError("expected a challenge, got " + challenge);
    }
    boolean proxy = challenge.startsWith("SIP/2.0 407");
    String nonce = Digest.challengeParam(challenge, proxy ? "Proxy-Authenticate" : "WWW-Authenticate", "nonce");
    String auth = Digest.authorization(user, Phones.DOMAIN, password, method, uri, nonce, 1);
    send(request.apply(2) + (proxy ? "Proxy-Authorization: " : "Authorization: ") + auth + "\nContent-Length: 0\n\n");
    String answer = awaitFinalResponse(10_000);
    if (answer == null) {
      throw new AssertionError("no answer to the authenticated " + method);
    }
    return answer;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a connection the server already closed
    }
  }
}
