package org.convergepbx.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convergepbx.it.PbxServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the SIP parser and the servlet path: a seeded mutation loop over the RFC 4475 torture messages and
 * well-formed REGISTER, INVITE, OPTIONS, BYE, CANCEL and INFO requests, sent over UDP and TCP to a server started as
 * ops start it, for {@code fuzz.minutes} (5). After every batch the server must answer a well-formed OPTIONS within
 * 5 s (else a hang); at the end it must still run (no crash), no exception may have escaped the application, and
 * the heap in use after a full collection, once the last transactions have ended, must be flat. Not part of the default test command:
 * {@code mvn -B install -DskipTests && mvn -B verify -Pfuzz -pl it-tests [-Dfuzz.minutes=5] [-Dfuzz.seed=4475]}.
 * The figures go to {@code it-tests/target/fuzz-report.txt}.
 */
class SipFuzzing {
  private static final int BATCH = 500;
  private static final long HEAP_SLACK = 32L << 20;
  private static final int QUIET_SECONDS = 70;
  private static final String[] TORTURE = {
    "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
    "mpart01", "unreason", "noreason", "badinv01", "clerr", "scalar02", "ncl", "scalarlg", "quotbal", "ltgtruri",
    "lwsruri", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers", "mismatch01",
    "mismatch02", "bigcode", "badbranch", "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01",
    "multi01", "mcl01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01", "inv2543"};

  @TempDir Path dir;

  @Test
  void theServerSurvivesMutatedSipWithNoCrashNoHangAndAFlatHeap() throws Exception {
    int minutes = Integer.getInteger("fuzz.minutes", 5);
    long seed = Long.getLong("fuzz.seed", 4475);
    Mutator mutator = new Mutator(seed);
    Map<String, Integer> answers = new TreeMap<>();
    long sent = 0;
    int hangs = 0;
    try (PbxServerProcess server = new PbxServerProcess(dir.resolve("pbx")).start();
        DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        TcpPeer tcp = new TcpPeer(server.sipPort())) {
      server.api().provision("1001", "fuzz-secret-1001");
      List<byte[]> seeds = seeds(server.sipPort(), udp.getLocalPort());
      udp.setSoTimeout(1);
      sent += batch(mutator, seeds, server, udp, tcp, answers);
      long heapStart = server.heapUsedAfterGc();
      Files.writeString(Path.of("target", "fuzz-histogram-start.txt"), server.classHistogram());
      long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
      while (System.nanoTime() < deadline && server.alive()) {
        sent += batch(mutator, seeds, server, udp, tcp, answers);
        if (!answersOptions(server.sipPort())) {
          hangs++;
        }
      }
      boolean crashed = !server.alive();
      long heapEnd = crashed ? -1 : heapAfterQuiet(server);
      if (!crashed) {
        Files.writeString(Path.of("target", "fuzz-histogram-end.txt"), server.classHistogram());
      }
      Path logCopy = Path.of("target", "fuzz-pbx.log");
      Files.copy(server.dataDir().resolve("logs/pbx.log"), logCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      String log = Files.readString(logCopy, StandardCharsets.ISO_8859_1);
      long escaped = log.lines().filter(l -> l.contains(" ERROR ") && l.contains("PbxSipServlet")).count();
      String kept = crashed ? "" : String.format("; kept: %d server transactions, %d application sessions, %d dialogs",
          server.liveInstances("gov.nist.javax.sip.stack.SIPServerTransactionImpl"),
          server.liveInstances("org.mobicents.servlet.sip.core.session.SipApplicationSessionImpl"),
          server.liveInstances("gov.nist.javax.sip.stack.SIPDialog"));
      String report = String.format(
          "SIP fuzzing: seed %d, %d min, %d messages sent (UDP, and TCP over %d connections), crashes %d, hangs %d, "
              + "exceptions escaping "
              + "the application %d, heap in use after full GC %.1f MiB at start, %.1f MiB at end%s; answers by "
              + "status: %s%n",
          seed, minutes, sent, tcp.connections(), crashed ? 1 : 0, hangs, escaped, heapStart / 1048576.0, heapEnd / 1048576.0, kept,
          answers);
      Files.writeString(Path.of("target", "fuzz-report.txt"), report);
      System.out.print(report);
      assertTrue(!crashed, report);
      assertEquals(0, hangs, report);
      assertEquals(0, escaped, report);
      assertTrue(heapEnd <= heapStart + Math.max(HEAP_SLACK, heapStart / 2), "the heap grew: " + report);
    }
  }

  /**
   * The heap after the transactions of the last messages have ended: a SIP stack keeps a transaction for up to
   * 64 × T1 = 32 s after its answer (to absorb retransmissions), so the heap is measured once that has passed twice.
   */
  private static long heapAfterQuiet(PbxServerProcess server) throws InterruptedException {
    Thread.sleep(Duration.ofSeconds(QUIET_SECONDS).toMillis());
    return server.heapUsedAfterGc();
  }

  private static long batch(Mutator mutator, List<byte[]> seeds, PbxServerProcess server, DatagramSocket udp,
      TcpPeer tcp, Map<String, Integer> answers) throws IOException {
    for (int i = 0; i < BATCH; i++) {
      byte[] message = mutator.mutate(seeds.get(mutator.random().nextInt(seeds.size())));
      if (mutator.random().nextInt(10) < 7) {
        sendUdp(udp, message, server.sipPort());
      } else {
        tcp.send(message);
      }
      drain(udp, answers);
    }
    return BATCH;
  }

  private static void sendUdp(DatagramSocket udp, byte[] message, int port) throws IOException {
    byte[] datagram = message.length > 65_000 ? java.util.Arrays.copyOf(message, 65_000) : message;
    udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
  }

  /**
   * Messages over one TCP connection, as a peer keeps it, opened again when the server closes it (it does on a
   * message it cannot frame); what the server answers is read and dropped, so its writes never wait on us.
   */
  private static final class TcpPeer implements AutoCloseable {
    private final int port;
    private Socket socket;
    private int connections;

    TcpPeer(int port) {
      this.port = port;
    }

    void send(byte[] message) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          if (socket == null || socket.isClosed()) {
            open();
          }
          socket.getOutputStream().write(message);
          socket.getOutputStream().flush();
          return;
        } catch (IOException e) {
          close();
        }
      }
    }

    private void open() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      connections++;
      Socket mine = socket;
      Thread drain = new Thread(() -> {
        byte[] buf = new byte[65536];
        try (InputStream in = mine.getInputStream()) {
          while (in.read(buf) >= 0) {
            // answers over TCP are not counted; reading them keeps the connection flowing
          }
        } catch (IOException e) {
          // the connection ended
        }
      }, "fuzz-tcp-drain");
      drain.setDaemon(true);
      drain.start();
    }

    int connections() {
      return connections;
    }

    @Override
    public void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
  }

  private static void drain(DatagramSocket udp, Map<String, Integer> answers) throws IOException {
    byte[] buf = new byte[65535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (SocketTimeoutException e) {
        return;
      }
      String answer = new String(p.getData(), 0, Math.min(p.getLength(), 12), StandardCharsets.ISO_8859_1);
      String status = answer.startsWith("SIP/2.0 ") && answer.length() >= 11 ? answer.substring(8, 11) : "other";
      answers.merge(status, 1, Integer::sum);
    }
  }

  private static boolean answersOptions(int port) throws IOException {
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      String id = "probe-" + System.nanoTime();
      byte[] options = ("OPTIONS sip:pbx.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.getLocalPort()
          + ";rport;branch=z9hG4bK" + id + "\r\nMax-Forwards: 70\r\nFrom: <sip:ops@pbx.test>;tag=" + id
          + "\r\nTo: <sip:ops@pbx.test>\r\nCall-ID: " + id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      probe.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));
      probe.setSoTimeout(5000);
      byte[] buf = new byte[65535];
      long deadline = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < deadline) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          probe.receive(p);
        } catch (SocketTimeoutException e) {
          return false;
        }
        if (new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1).contains(id)) {
          return true;
        }
      }
      return false;
    }
  }

  private static List<byte[]> seeds(int serverPort, int localPort) throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : TORTURE) {
      try (InputStream in = SipFuzzing.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
        seeds.add(in.readAllBytes());
      }
    }
    String via = "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";rport;branch=z9hG4bKfuzz\r\n";
    String common = "Max-Forwards: 70\r\nFrom: <sip:1001@pbx.test>;tag=fz1\r\nTo: <sip:1002@pbx.test>\r\n"
        + "Call-ID: fuzz@127.0.0.1\r\nContact: <sip:1001@127.0.0.1:" + localPort + ">\r\nUser-Agent: fuzz\r\n";
    String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    String auth = "Proxy-Authorization: Digest username=\"1001\", realm=\"pbx.test\", nonce=\"x\", "
        + "uri=\"sip:1002@pbx.test\", response=\"00000000000000000000000000000000\", qop=auth, nc=00000001, "
        + "cnonce=\"c\"\r\n";
    seeds.add(("REGISTER sip:pbx.test SIP/2.0\r\n" + via + common + "CSeq: 1 REGISTER\r\nExpires: 60\r\n"
        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    seeds.add(("INVITE sip:1002@pbx.test SIP/2.0\r\n" + via + common + auth + "CSeq: 1 INVITE\r\n"
        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp)
        .getBytes(StandardCharsets.ISO_8859_1));
    for (String method : List.of("OPTIONS", "BYE", "CANCEL", "INFO", "ACK")) {
      seeds.add((method + " sip:1002@pbx.test SIP/2.0\r\n" + via + common + "CSeq: 2 " + method
          + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
    return seeds;
  }
}
