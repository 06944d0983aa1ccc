package org.convergepbx.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar pbx-server.jar} exactly as ops start it, with its settings in the environment, on free
 * ports and its own data directory. Output is kept for assertions.
 */
public final class PbxServerProcess implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "e2e-admin-secret";
  private static final long START_TIMEOUT_SECONDS = 60;

  private final Path dataDir;
  private final int sipPort;
  private final int httpPort;
  private final int sipTlsPort = FreePorts.next();
  private final int httpsPort = FreePorts.next();
  private final Map<String, String> extraEnv;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private Process process;
  private Thread reader;
  private CompletableFuture<String> readyLine;

  public PbxServerProcess(Path dataDir) {
    this(dataDir, FreePorts.next(), FreePorts.next(), Map.of());
  }

  public PbxServerProcess(Path dataDir, int sipPort, int httpPort, Map<String, String> extraEnv) {
    this.dataDir = dataDir;
    this.sipPort = sipPort;
    this.httpPort = httpPort;
    this.extraEnv = extraEnv;
  }

  /** Starts the server and waits for its ready line; fails with the server's output if it does not come. */
  public PbxServerProcess start() {
    launch();
    try {
      readyLine.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("server did not become ready: " + e + "\n" + output(), e);
    }
    return this;
  }

  /** Starts the process without waiting for readiness (for start-up failure tests). */
  public Process launch() {
    ProcessBuilder pb =
        new ProcessBuilder(
            javaBin(), "-Xmx256m", "-jar", System.getProperty("pbx.server.jar"))
            .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("PBX_"));
    env.put("PBX_BIND", "127.0.0.1");
    env.put("PBX_SIP_PORT", String.valueOf(sipPort));
    env.put("PBX_HTTP_PORT", String.valueOf(httpPort));
    env.put("PBX_SIP_TLS_PORT", String.valueOf(sipTlsPort));
    env.put("PBX_HTTPS_PORT", String.valueOf(httpsPort));
    env.put("PBX_DATA_DIR", dataDir.toString());
    env.put("PBX_DOMAIN", Phones.DOMAIN);
    env.put("PBX_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.putAll(extraEnv);
    try {
      Files.createDirectories(dataDir);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    readyLine = new CompletableFuture<>();
    reader = new Thread(this::pump, "pbx-server-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private void pump() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        if (line.startsWith("Converge PBX ready:")) {
          readyLine.complete(line);
        }
      }
    } catch (IOException e) {
      readyLine.completeExceptionally(e);
    }
    readyLine.completeExceptionally(new IllegalStateException("server output ended"));
  }

  /** Sends SIGTERM and waits for the process to end; returns its exit code. */
  public int stop() {
    // Process.destroy() would also close our end of the output pipe and lose what the server says while it
    // stops; ProcessHandle.destroy() only sends the SIGTERM.
    process.toHandle().destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("server did not stop within 30 s of SIGTERM\n" + output());
      }
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return process.exitValue();
  }

  /** Kills the server with SIGKILL, as a crash would, and waits for it to be gone. */
  public void kill() {
    process.toHandle().destroyForcibly();
    awaitExit(30);
  }

  /** Waits for a process that is expected to end by itself; returns its exit code. */
  public int awaitExit(long seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("process did not exit within " + seconds + " s\n" + output());
      }
      reader.join(5000);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  public String readyLine() {
    return readyLine.getNow(null);
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /**
   * How many live objects of a class the server's heap holds, after a full collection ({@code jcmd
   * GC.class_histogram}); 0 if there is none.
   */
  public long liveInstances(String className) {
    for (String line : jcmd("GC.class_histogram").split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 4 && cols[3].equals(className)) {
        return Long.parseLong(cols[1]);
      }
    }
    return 0;
  }

  /** The live objects of the server's heap by class, largest first ({@code jcmd GC.class_histogram}). */
  public String classHistogram() {
    return jcmd("GC.class_histogram");
  }

  /** Bytes of heap in use after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  public long heapUsedAfterGc() {
    jcmd("GC.run");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new AssertionError("no heap figure from jcmd");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private String jcmd(String command) {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(pid()), command).redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        throw new AssertionError("jcmd " + command + " failed:\n" + out);
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** True while the server process runs. */
  public boolean alive() {
    return process.isAlive();
  }

  public int sipPort() {
    return sipPort;
  }

  public int httpPort() {
    return httpPort;
  }

  /** The SIP over TLS port (free, picked at construction; an extra PBX_SIP_TLS_PORT overrides it). */
  public int sipTlsPort() {
    return Integer.parseInt(extraEnv.getOrDefault("PBX_SIP_TLS_PORT", String.valueOf(sipTlsPort)));
  }

  /** The HTTPS port (free, picked at construction; an extra PBX_HTTPS_PORT overrides it). */
  public int httpsPort() {
    return Integer.parseInt(extraEnv.getOrDefault("PBX_HTTPS_PORT", String.valueOf(httpsPort)));
  }

  public Path dataDir() {
    return dataDir;
  }

  public AdminApi api() {
    return new AdminApi("http://127.0.0.1:" + httpPort, "admin", ADMIN_PASSWORD);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
