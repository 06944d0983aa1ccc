package org.convergepbx.it.softphone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.convergepbx.it.FreePorts;

/**
 * A real softphone: one baresip 1.0.0 process with its own configuration directory, driven over its
 * {@code ctrl_tcp} module (netstring-framed JSON). Events it emits are queued for {@link #awaitEvent}; its
 * console output and every message received are kept for failure messages.
 */
final class Baresip implements AutoCloseable {
  private static final String INSTALL_HINT = "apt-get install -y baresip-core";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Path recordingDir;
  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
  private final AtomicInteger tokens = new AtomicInteger();
  private final Socket control;

  private Baresip(String name, Path dir, Path sourceWav) throws IOException {
    this.name = name;
    this.recordingDir = Files.createDirectories(dir.resolve("recordings"));
    int controlPort = FreePorts.next();
    Files.writeString(
        dir.resolve("config"),
        template()
            .replace("${sipPort}", String.valueOf(FreePorts.next()))
            .replace("${controlPort}", String.valueOf(controlPort))
            .replace("${sourceWav}", sourceWav.toAbsolutePath().toString())
            .replace("${recordingDir}", recordingDir.toString()));
    Files.writeString(dir.resolve("accounts"), "");
    // -s traces SIP messages to the output, which failure messages include
    process =
        new ProcessBuilder(executable().toString(), "-f", dir.toString(), "-s")
            .redirectErrorStream(true)
            .start();
    Thread pump = new Thread(this::pumpOutput, "baresip-" + name + "-output");
    pump.setDaemon(true);
    pump.start();
    await(ready, READY_TIMEOUT, "baresip " + name + " did not become ready");
    try {
      control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new AssertionError("cannot connect to baresip " + name + "'s control port: " + e + "\n" + log(), e);
    }
    Thread reader = new Thread(this::readControl, "baresip-" + name + "-ctrl");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts baresip with a fresh configuration in {@code dir} whose microphone plays {@code sourceWav}, and
   * connects to its control port. Fails (never skips) when baresip is not installed.
   */
  static Baresip start(String name, Path dir, Path sourceWav) {
    try {
      return new Baresip(name, Files.createDirectories(dir), sourceWav);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The baresip binary on the PATH; fails with the install command when there is none. */
  static Path executable() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "baresip");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "baresip is not installed (not on PATH " + path + "); this test needs a real softphone: " + INSTALL_HINT);
  }

  /**
   * Adds a SIP account: {@code uanew <sip:USER@DOMAIN;transport=udp>;auth_user=USER;auth_pass=...} followed by
   * {@code params} (each starting with {@code ;}).
   */
  void addAccount(String user, String domain, String password, String params) {
    command(
        "uanew",
        "<sip:" + user + "@" + domain + ";transport=udp>;auth_user=" + user + ";auth_pass=" + password + params);
  }

  /** Sends a command and waits for its response; fails unless baresip reports it as ok. */
  JsonNode command(String command, String params) {
    String token = send(command, params);
    long deadline = System.nanoTime() + RESPONSE_TIMEOUT.toNanos();
    for (JsonNode r = poll(responses, deadline); r != null; r = poll(responses, deadline)) {
      if (token.equals(r.path("token").asText())) {
        if (!r.path("ok").asBoolean()) {
          throw new AssertionError("baresip " + name + " refused " + command + ": " + r + "\n" + log());
        }
        return r;
      }
    }
    throw new AssertionError("no response from baresip " + name + " to " + command + "\n" + log());
  }

  /**
   * Waits for an event of type {@code type}, skipping other events; fails at once on an event whose type is
   * in {@code failures}, or when {@code timeout} passes.
   */
  JsonNode awaitEvent(String type, Duration timeout, Set<String> failures) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (JsonNode e = poll(events, deadline); e != null; e = poll(events, deadline)) {
      String t = e.path("type").asText();
      if (t.equals(type)) {
        return e;
      }
      if (failures.contains(t)) {
        throw new AssertionError("baresip " + name + " got " + e + " while waiting for " + type + "\n" + log());
      }
    }
    throw new AssertionError(
        "baresip " + name + ": no " + type + " within " + timeout.toSeconds() + " s\n" + log());
  }

  /** The recording of what this phone received (decoded) in its single call, once it exists. */
  Path receivedRecording() {
    try (Stream<Path> files = Files.list(recordingDir)) {
      List<Path> dec = files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).toList();
      if (dec.size() > 1) {
        throw new AssertionError("baresip " + name + " recorded more than one call: " + dec);
      }
      return dec.isEmpty() ? null : dec.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything baresip printed and every control message received, for failure messages. */
  String log() {
    synchronized (output) {
      return "--- baresip " + name + " ---\n" + String.join("\n", output);
    }
  }

  private String send(String command, String params) {
    String token = String.valueOf(tokens.incrementAndGet());
    Map<String, String> message = Map.of("command", command, "params", params, "token", token);
    try {
      byte[] json = JSON.writeValueAsBytes(message);
      OutputStream out = control.getOutputStream();
      out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.write(',');
      out.flush();
      return token;
    } catch (IOException e) {
      throw new AssertionError("cannot send " + command + " to baresip " + name + ": " + e + "\n" + log(), e);
    }
  }

  /** Asks baresip to quit and waits for it to exit, which also closes its recordings. */
  void quit() {
    if (process.isAlive()) {
      // baresip may exit before it answers: its exit is what counts
      send("quit", "");
      awaitExit();
    }
  }

  /** Quits if still running, then destroys the process if it lingers. */
  @Override
  public void close() {
    try {
      if (process.isAlive() && !control.isClosed()) {
        quit();
      }
    } catch (AssertionError ignored) {
      // it is killed below; the test has already reported what went wrong
    } finally {
      closeQuietly();
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("baresip " + name + " did not exit within 10 s of quit\n" + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void closeQuietly() {
    try {
      control.close();
    } catch (IOException ignored) {
      // nothing left to do with it
    }
  }

  private void pumpOutput() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        if (line.contains("baresip is ready.")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("baresip exited"));
  }

  /** Reads netstrings ({@code LENGTH:JSON,}) and queues events and responses. */
  private void readControl() {
    try (InputStream in = control.getInputStream()) {
      while (true) {
        int length = 0;
        for (int c = in.read(); c != ':'; c = in.read()) {
          if (c < '0' || c > '9') {
            return;
          }
          length = length * 10 + (c - '0');
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length || in.read() != ',') {
          return;
        }
        JsonNode message = JSON.readTree(body);
        output.add("<ctrl> " + message);
        (message.path("event").asBoolean() ? events : responses).add(message);
      }
    } catch (IOException e) {
      if (!control.isClosed()) {
        output.add("<ctrl> connection failed: " + e);
      }
    }
  }

  private static JsonNode poll(BlockingQueue<JsonNode> queue, long deadlineNanos) {
    try {
      return queue.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private void await(CompletableFuture<Void> future, Duration timeout, String failure) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError(failure + ": " + e + "\n" + log(), e);
    }
  }

  private static String template() throws IOException {
    try (InputStream in = Baresip.class.getResourceAsStream("/softphone/baresip.config")) {
      if (in == null) {
        throw new IllegalStateException("test resource softphone/baresip.config is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
