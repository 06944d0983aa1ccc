package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container ships Restcomm's statistics reporter, which sends usage data to a hard-coded address. The
 * product must never send data anywhere its operator did not configure.
 */
class NoPhoneHomeIT {
  private static final Path SERVER_JAR = Path.of(System.getProperty("pbx.server.jar"));

  @TempDir Path data;

  @Test
  void statisticsReporterIsNotShippedAnywhere() throws IOException {
    try (Stream<Path> libs = Files.list(SERVER_JAR.resolveSibling("lib"))) {
      assertTrue(libs.noneMatch(p -> p.getFileName().toString().contains("restcomm-statistics")));
    }
    try (ZipFile ear = new ZipFile(SERVER_JAR.resolveSibling("pbx.ear").toFile())) {
      assertTrue(ear.stream().noneMatch(e -> e.getName().contains("restcomm-statistics")));
    }
    assertFalse(System.getProperty("java.class.path").contains("restcomm-statistics"));
    try (ZipFile jar = new ZipFile(SERVER_JAR.toFile())) {
      assertTrue(
          jar.getEntry("org/restcomm/commons/statistics/reporter/RestcommStatsReporter.class") != null,
          "the no-op stand-in must be in the launcher");
    }
  }

  @Test
  void startAndStopSendNothingEvenWhenAStatisticsServerIsNamed() throws IOException {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!collector.isClosed()) {
                  try (Socket s = collector.accept()) {
                    connections.incrementAndGet();
                  } catch (SocketException closed) {
                    return;
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "http://127.0.0.1:" + collector.getLocalPort() + "/rest/";
      PbxServerProcess server =
          new PbxServerProcess(
              data, FreePorts.next(), FreePorts.next(),
              Map.of("JAVA_TOOL_OPTIONS", "-Dstatistics.server=" + url + " -Dstatistics.gather=true"));
      server.start();
      assertEquals(143, server.stop(), server.output());
    }
    assertEquals(0, connections.get(), "the server connected to the statistics collector");
  }
}
