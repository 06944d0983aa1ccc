package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The 49 torture messages of RFC 4475, byte for byte, sent to servers started as ops start them, over UDP and over
 * TCP. For each: the answer that reaches the sender is the one in {@code rfc4475/expected.csv} (a status, or none:
 * responses with no transaction are dropped, a message the parser cannot read is answered 400 only where its
 * sender can be found, and other answers go where the message's own Via says, hosts of example.com this test
 * cannot be), no answer is a server error, the server still answers a well-formed OPTIONS at once, and no
 * exception escapes the application (its log has no "failed" error of the servlet).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TortureIT {
  private static final int ANSWER_WAIT_MS = 5000;
  private static final int SILENCE_WAIT_MS = 400;
  /**
   * In expected.csv: any answer but a server error, or none. A message sent over TCP whose Via says UDP (or TLS) is
   * answered as its Via says: on the connection it came on or to the Via's host, as the stack finds a channel.
   */
  private static final String ANY = "*";

  /** One server per transport: a message sent over both would otherwise be a retransmission the second time. */
  private PbxServerProcess udpServer;
  private PbxServerProcess tcpServer;

  @BeforeAll
  void startServers(@TempDir Path dir) {
    udpServer = new PbxServerProcess(dir.resolve("udp")).start();
    tcpServer = new PbxServerProcess(dir.resolve("tcp")).start();
    assertTrue(aliveOverTcp(), "the TCP connector answers");
  }

  @AfterAll
  void stopServersAndReadTheirLogs() throws IOException {
    for (PbxServerProcess server : List.of(udpServer, tcpServer)) {
      server.close();
      String log = Files.readString(server.dataDir().resolve("logs/pbx.log"), StandardCharsets.ISO_8859_1);
      List<String> escaped = log.lines().filter(l -> l.contains(" ERROR ") && l.contains("PbxSipServlet"))
          .collect(Collectors.toList());
      assertEquals(List.of(), escaped, "no exception escaped the application");
    }
  }

  @ParameterizedTest(name = "{0} (RFC 4475 {1}, {2})")
  @CsvFileSource(resources = "/rfc4475/expected.csv", numLinesToSkip = 1)
  void eachTortureMessageGetsItsAnswerAndTheServerStaysUp(
      String file, String section, String kind, String udp, String tcp) throws Exception {
    byte[] message = corpus(file);

    String overUdp = statusOf(sendUdp(message, "-".equals(udp) ? SILENCE_WAIT_MS : ANSWER_WAIT_MS));
    assertEquals(udp, overUdp, file + " over UDP");
    assertTrue(aliveOverUdp(), "the server answers after " + file + " over UDP");

    String overTcp = statusOf(sendTcp(message, "-".equals(tcp) || ANY.equals(tcp) ? SILENCE_WAIT_MS : ANSWER_WAIT_MS));
    if (!ANY.equals(tcp)) {
      assertEquals(tcp, overTcp, file + " over TCP");
    }
    assertTrue(aliveOverTcp(), "the server answers after " + file + " over TCP");
  }

  private static byte[] corpus(String file) throws IOException {
    try (InputStream in = TortureIT.class.getResourceAsStream("/rfc4475/" + file)) {
      assertNotNull(in, file);
      return in.readAllBytes();
    }
  }

  /** The status code of the first final answer, or "-" for none; a 500 never passes. */
  private static String statusOf(String answer) {
    if (answer == null) {
      return "-";
    }
    String status = answer.substring(8, 11);
    assertTrue(!status.startsWith("5"), "a server error: " + answer);
    return status;
  }

  private String sendUdp(byte[] message, int waitMs) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), udpServer.sipPort()));
      long deadline = System.currentTimeMillis() + waitMs;
      byte[] buf = new byte[65535];
      while (System.currentTimeMillis() < deadline) {
        socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          return null;
        }
        String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
        if (answer.startsWith("SIP/2.0 ") && answer.charAt(8) != '1') {
          return answer;
        }
      }
      return null;
    }
  }

  private String sendTcp(byte[] message, int waitMs) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcpServer.sipPort())) {
      socket.getOutputStream().write(message);
      socket.getOutputStream().flush();
      StringBuilder received = new StringBuilder();
      long deadline = System.currentTimeMillis() + waitMs;
      byte[] buf = new byte[65535];
      while (System.currentTimeMillis() < deadline) {
        socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        int n;
        try {
          n = socket.getInputStream().read(buf);
        } catch (SocketTimeoutException e) {
          break;
        }
        if (n < 0) {
          break;
        }
        received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        for (String response : received.toString().split("\r\n\r\n")) {
          if (response.startsWith("SIP/2.0 ") && response.length() > 8 && response.charAt(8) != '1') {
            return response;
          }
        }
      }
      return null;
    }
  }

  private boolean aliveOverUdp() throws IOException {
    String answer = sendUdp(options("UDP"), ANSWER_WAIT_MS);
    return answer != null && answer.startsWith("SIP/2.0 200");
  }

  private boolean aliveOverTcp() {
    try {
      String answer = sendTcp(options("TCP"), ANSWER_WAIT_MS);
      return answer != null && answer.startsWith("SIP/2.0 200");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A well-formed OPTIONS whose answer comes back to the sender (rport: to the port it came from; over TCP, on its
   * connection), whatever port its Via names.
   */
  private static byte[] options(String transport) {
    String id = "alive-" + System.nanoTime();
    return ("OPTIONS sip:" + Phones.DOMAIN + " SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:9;rport;branch=z9hG4bK" + id + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:ops@" + Phones.DOMAIN + ">;tag=" + id + "\r\n"
        + "To: <sip:ops@" + Phones.DOMAIN + ">\r\nCall-ID: " + id + "\r\nCSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
