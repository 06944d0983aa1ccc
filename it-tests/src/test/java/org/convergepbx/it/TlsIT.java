package org.convergepbx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.cafesip.sipunit.SipCall;
import org.cafesip.sipunit.SipPhone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the server as ops run it: the self-signed certificate generated on first start (fingerprint printed,
 * served on SIP TLS and HTTPS, reused after a restart, replaced by a configured key store), REGISTER and the API
 * over TLS with a client that trusts exactly the printed certificate, SIPS that never falls back to a plain
 * transport, and PBX_HTTP_BIND keeping the admin HTTP off the SIP address.
 */
class TlsIT {
  private static final int TIMEOUT = 10_000;
  private static final int SILENT_CLIENTS = 100;
  private static final String CALLER = "3101";
  private static final String CALLER_SECRET = "tls-caller-secret";
  private static final String CALLEE = "3102";
  private static final String CALLEE_SECRET = "tls-callee-secret";
  private static final String TLS_CALLEE = "3103";
  private static final String TLS_CALLEE_SECRET = "tls-only-secret";

  @TempDir static Path data;
  private static PbxServerProcess server;
  private static String fingerprint;
  private static SSLContext pinned;

  @BeforeAll
  static void start() {
    server = new PbxServerProcess(data.resolve("pbx")).start();
    fingerprint = PinnedTls.printedFingerprint(server.output());
    pinned = PinnedTls.trusting(fingerprint);
    server.api().provision(CALLER, CALLER_SECRET);
    server.api().provision(CALLEE, CALLEE_SECRET);
    server.api().provision(TLS_CALLEE, TLS_CALLEE_SECRET);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void readyLineSaysWhereSipTlsAndHttpsListen() {
    String line = server.readyLine();
    assertTrue(line.contains("SIP tls 127.0.0.1:" + server.sipTlsPort()), line);
    assertTrue(line.contains("HTTPS https://127.0.0.1:" + server.httpsPort() + "/"), line);
  }

  @Test
  void generatedKeyStoreAndItsPasswordAreReadableByTheOwnerOnly() throws IOException {
    Path tls = server.dataDir().resolve("tls");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    for (String file : List.of("pbx-tls.p12", "pbx-tls.password")) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(file))), file);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        server.dataDir().resolve("container/conf/mss-sip-stack.properties"))), "the SIP stack properties hold it");
    assertFalse(
        Files.readString(server.dataDir().resolve("container/conf/server.xml")).contains(
            Files.readString(tls.resolve("pbx-tls.password")).trim()),
        "server.xml must not hold the key store password");
  }

  @Test
  void registerOverTlsIsChallengedThenAcceptedWithCredentials() {
    try (TlsSip phone = new TlsSip(pinned, server.sipTlsPort())) {
      String callId = "tls-reg-" + System.nanoTime();
      String contact = "<sip:" + CALLER + "@127.0.0.1:" + phone.localPort() + ";transport=tls>";
      String ok =
          phone.sendAuthenticated(
              cseq -> phone.request("REGISTER", "sip:" + Phones.DOMAIN, CALLER, "sip:" + CALLER + "@" + Phones.DOMAIN,
                      callId, cseq)
                  + "Contact: " + contact + "\nExpires: 300\n",
              "REGISTER", "sip:" + Phones.DOMAIN, CALLER, CALLER_SECRET);
      assertTrue(ok.startsWith("SIP/2.0 200"), ok);
      assertTrue(ok.contains("transport=tls"), "the binding is listed: " + ok);
      assertTrue(phone.protocol().equals("TLSv1.3") || phone.protocol().equals("TLSv1.2"), phone.protocol());
    }
    String extension = server.api().get("/api/v1/extensions/" + CALLER).body();
    assertTrue(extension.toUpperCase(java.util.Locale.ROOT).contains("/TLS\""), "registered over TLS: " + extension);
  }

  @Test
  void theApiAnswersOverHttpsWithBasicAuthentication() throws Exception {
    HttpResponse<String> r = https(pinned, server.httpsPort(), "/api/v1/extensions", true);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains(CALLER), r.body());
    assertEquals(401, https(pinned, server.httpsPort(), "/api/v1/extensions", false).statusCode());
  }

  @Test
  void aClientPinningAnotherCertificateIsRefusedTheHandshake() {
    SSLContext other = PinnedTls.trusting(fingerprint.replaceFirst("^..", fingerprint.startsWith("00") ? "11" : "00"));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new TlsSip(other, server.sipTlsPort()));
    assertTrue(e.getCause() instanceof SSLHandshakeException, e.toString());
  }

  /**
   * Clients that connect and never start the handshake take no SIP thread each (the server's thread count does
   * not follow their number, and a TLS request is still answered meanwhile); the HTTPS connector closes such a
   * connection after its connection timeout.
   */
  @Test
  void aHandshakeThatNeverCompletesHoldsNothingForever() throws IOException {
    List<Socket> silentSip = new ArrayList<>();
    try (Socket silentHttps = connect(server.httpsPort())) {
      long opened = System.nanoTime();
      int threadsBefore = threadsOf(server.pid());
      try {
        for (int i = 0; i < SILENT_CLIENTS; i++) {
          silentSip.add(connect(server.sipTlsPort()));
        }
        try (TlsSip phone = new TlsSip(pinned, server.sipTlsPort())) {
          phone.send(phone.request("OPTIONS", "sip:" + Phones.DOMAIN, CALLER, "sip:" + Phones.DOMAIN,
              "tls-opt-" + opened, 1) + "Content-Length: 0\n\n");
          String ok = phone.awaitFinalResponse(TIMEOUT);
          assertNotNull(ok, "the SIP TLS listener still answers while handshakes hang");
          assertTrue(ok.startsWith("SIP/2.0 200"), ok);
        }
        int threadsAfter = threadsOf(server.pid());
        assertTrue(threadsAfter - threadsBefore < SILENT_CLIENTS / 2,
            SILENT_CLIENTS + " silent TLS clients took threads: " + threadsBefore + " -> " + threadsAfter);
      } finally {
        for (Socket s : silentSip) {
          s.close();
        }
      }
      HttpResponse<String> r;
      try {
        r = https(pinned, server.httpsPort(), "/api/v1/extensions", true);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertEquals(200, r.statusCode(), "HTTPS still answers while a handshake hangs");
      silentHttps.setSoTimeout(40_000);
      byte[] said;
      try {
        said = silentHttps.getInputStream().readAllBytes();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the HTTPS connector kept a silent connection for 40 s");
      } catch (IOException reset) {
        said = new byte[0];
      }
      assertTrue(said.length == 0 || said[0] == 0x15,
          "the HTTPS connector closes a connection that never handshakes, at most with a TLS alert: "
              + java.util.HexFormat.of().formatHex(said));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - opened);
      assertTrue(seconds >= 15 && seconds <= 35, "closed after the 20 s connection timeout, not " + seconds + " s");
    }
  }

  /** The number of threads of a process (Linux). */
  private static int threadsOf(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring(8).trim());
      }
    }
    throw new AssertionError("no thread count for process " + pid);
  }

  @Test
  void sipsRegisterOverUdpIsRefused() {
    try (RawSip raw = new RawSip(server.sipPort())) {
      raw.send(raw.request("REGISTER", "sips:" + Phones.DOMAIN, CALLER, CALLER, "sips-udp-" + System.nanoTime(), 1)
          + "Contact: <sip:" + CALLER + "@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
      String answer = raw.awaitFinalResponse(TIMEOUT);
      assertNotNull(answer);
      assertTrue(answer.startsWith("SIP/2.0 403 SIPS requires TLS"), answer);

      raw.send(raw.request("REGISTER", "sip:" + Phones.DOMAIN, CALLER, CALLER, "sips-contact-" + System.nanoTime(), 1)
          + "Contact: <sips:" + CALLER + "@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
      answer = raw.awaitFinalResponse(TIMEOUT);
      assertNotNull(answer);
      assertTrue(answer.startsWith("SIP/2.0 403 SIPS requires TLS"), "a sips: Contact over UDP: " + answer);
    }
  }

  @Test
  void sipsInviteOverUdpIsRefused() {
    try (RawSip raw = new RawSip(server.sipPort())) {
      raw.send(raw.request("INVITE", "sips:" + CALLEE + "@" + Phones.DOMAIN, CALLER, CALLEE,
              "sips-inv-" + System.nanoTime(), 1)
          + "Contact: <sip:" + CALLER + "@127.0.0.1:" + raw.localPort() + ">\nContent-Length: 0\n\n");
      String answer = raw.awaitFinalResponse(TIMEOUT);
      assertNotNull(answer);
      assertTrue(answer.startsWith("SIP/2.0 403 SIPS requires TLS"), answer);
    }
  }

  /**
   * A caller on TLS dials the same UDP-only phone twice: as sip: it rings (so the phone is reachable), as sips: the
   * caller gets 480 and the phone is never sent the call.
   */
  @Test
  void aSipsCallIsNotSentToAPhoneReachedOnlyOverUdp() {
    try (Phones phones = new Phones("127.0.0.1", server.sipPort());
        TlsSip caller = new TlsSip(pinned, server.sipTlsPort())) {
      SipPhone callee = phones.phone(CALLEE, CALLEE_SECRET);
      assertTrue(callee.register(CALLEE, CALLEE_SECRET, null, 300, TIMEOUT), callee.format());
      SipCall in = callee.createSipCall();
      assertTrue(in.listenForIncomingCall(), in.format());

      String sipsAnswer = invite(caller, "sips:" + CALLEE + "@" + Phones.DOMAIN);
      assertTrue(sipsAnswer.startsWith("SIP/2.0 480"), sipsAnswer);
      assertFalse(in.waitForIncomingCall(2000), "the UDP phone must not be sent a SIPS call: " + in.format());

      String plainCallId = "tls-plain-" + System.nanoTime();
      String plainUri = "sip:" + CALLEE + "@" + Phones.DOMAIN;
      caller.send(authenticatedInvite(caller, plainUri, plainCallId));
      assertTrue(in.waitForIncomingCall(TIMEOUT), "a sip: call from the same caller rings the phone: " + in.format());
      assertTrue(in.sendIncomingCallResponse(486, "Busy Here", 0), in.format());
      String busy = caller.awaitFinalResponse(TIMEOUT);
      assertNotNull(busy);
      assertTrue(busy.startsWith("SIP/2.0 486"), busy);
    }
  }

  /** A sips: call reaches a phone that registered over TLS with a transport=tls contact, on its TLS connection. */
  @Test
  void aSipsCallRingsAPhoneRegisteredOverTls() {
    try (TlsSip callee = new TlsSip(pinned, server.sipTlsPort());
        TlsSip caller = new TlsSip(pinned, server.sipTlsPort())) {
      String regCallId = "tls-callee-reg-" + System.nanoTime();
      String contact = "<sip:" + TLS_CALLEE + "@127.0.0.1:" + callee.localPort() + ";transport=tls>";
      String registered = callee.sendAuthenticated(
          cseq -> callee.request("REGISTER", "sips:" + Phones.DOMAIN, TLS_CALLEE,
                  "sips:" + TLS_CALLEE + "@" + Phones.DOMAIN, regCallId, cseq)
              + "Contact: " + contact + "\nExpires: 300\n",
          "REGISTER", "sips:" + Phones.DOMAIN, TLS_CALLEE, TLS_CALLEE_SECRET);
      assertTrue(registered.startsWith("SIP/2.0 200"), "a sips: REGISTER over TLS is accepted: " + registered);

      String uri = "sips:" + TLS_CALLEE + "@" + Phones.DOMAIN;
      caller.send(authenticatedInvite(caller, uri, "tls-sips-call-" + System.nanoTime()));
      String invite = callee.awaitRequest(TIMEOUT);
      assertNotNull(invite, "the phone registered over TLS is sent the SIPS call on its connection");
      assertTrue(invite.startsWith("INVITE "), invite);
      assertTrue(invite.contains("SIP/2.0/TLS"), "the leg goes over TLS: " + invite);
      callee.send(TlsSip.response(invite, 486, "Busy Here"));
      String busy = caller.awaitFinalResponse(TIMEOUT);
      assertNotNull(busy);
      assertTrue(busy.startsWith("SIP/2.0 486"), busy);
    }
  }

  /**
   * The generated certificate is reused after a restart (same fingerprint printed and served), and a configured
   * key store replaces it although the generated one is still in the data directory.
   */
  @Test
  void generatedCertificateIsReusedAfterRestartAndAConfiguredKeyStoreReplacesIt(@TempDir Path dir)
      throws Exception {
    Path pbxData = dir.resolve("pbx");
    int sip = FreePorts.next();
    int http = FreePorts.next();
    String first;
    try (PbxServerProcess a = new PbxServerProcess(pbxData, sip, http, Map.of()).start()) {
      first = PinnedTls.printedFingerprint(a.output());
    }
    try (PbxServerProcess b = new PbxServerProcess(pbxData, sip, http, Map.of()).start()) {
      assertEquals(first, PinnedTls.printedFingerprint(b.output()), "the certificate is reused, not regenerated");
      try (TlsSip served = new TlsSip(PinnedTls.trusting(first), b.sipTlsPort())) {
        assertNotNull(served.protocol());
      }
    }

    Path store = dir.resolve("operator.p12");
    String password = "operator-store-pass";
    keytool("-genkeypair", "-alias", "operator", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
        "-dname", "CN=" + Phones.DOMAIN, "-ext", "SAN=dns:" + Phones.DOMAIN + ",ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
    String configured = fingerprintOf(store, password);
    assertNotEquals(first, configured);
    Map<String, String> env = Map.of("PBX_TLS_KEYSTORE", store.toString(), "PBX_TLS_KEYSTORE_PASSWORD", password);
    try (PbxServerProcess c = new PbxServerProcess(pbxData, sip, http, env).start()) {
      assertEquals(configured, PinnedTls.printedFingerprint(c.output()));
      SSLContext operator = PinnedTls.trusting(configured);
      try (TlsSip served = new TlsSip(operator, c.sipTlsPort())) {
        assertNotNull(served.protocol(), "SIP TLS serves the configured certificate");
      }
      assertEquals(200, https(operator, c.httpsPort(), "/api/v1/extensions", true).statusCode(),
          "HTTPS serves the configured certificate");
      assertThrows(UncheckedIOException.class, () -> new TlsSip(PinnedTls.trusting(first), c.sipTlsPort()),
          "the generated certificate is no longer served");
    }
  }

  /** PBX_HTTP_BIND=127.0.0.1 with PBX_BIND=127.0.0.2: HTTP and HTTPS on .1 only, SIP on .2. */
  @Test
  void httpBindPutsTheAdminHttpOnItsOwnAddress(@TempDir Path dir) throws Exception {
    Map<String, String> env = Map.of("PBX_BIND", "127.0.0.2", "PBX_HTTP_BIND", "127.0.0.1");
    try (PbxServerProcess s = new PbxServerProcess(dir.resolve("pbx"), FreePorts.next(), FreePorts.next(), env)
        .start()) {
      assertTrue(s.readyLine().contains("SIP udp 127.0.0.2:" + s.sipPort()), s.readyLine());
      assertTrue(s.readyLine().contains("HTTP http://127.0.0.1:" + s.httpPort() + "/"), s.readyLine());
      assertEquals(200, s.api().get("/api/v1/extensions").statusCode(), "HTTP answers on 127.0.0.1");
      assertThrows(ConnectException.class, () -> connectTo("127.0.0.2", s.httpPort()).close(),
          "HTTP must not listen on 127.0.0.2");
      assertThrows(ConnectException.class, () -> connectTo("127.0.0.2", s.httpsPort()).close(),
          "HTTPS must not listen on 127.0.0.2");
      String served = PinnedTls.printedFingerprint(s.output());
      assertEquals(200, https(PinnedTls.trusting(served), s.httpsPort(), "/api/v1/extensions", true).statusCode());

      try (RawSip raw = new RawSip(InetAddress.getByName("127.0.0.2"), s.sipPort())) {
        raw.send(raw.request("OPTIONS", "sip:" + Phones.DOMAIN, "ops", "ops", "bind-" + System.nanoTime(), 1)
            + "Content-Length: 0\n\n");
        String ok = raw.awaitFinalResponse(TIMEOUT);
        assertNotNull(ok, "SIP answers on PBX_BIND 127.0.0.2");
        assertTrue(ok.startsWith("SIP/2.0 200"), ok);
      }
      assertThrows(ConnectException.class, () -> connectTo("127.0.0.1", s.sipPort()).close(),
          "SIP TCP listens on PBX_BIND only");
    }
  }

  private static String invite(TlsSip caller, String uri) {
    String callId = "tls-inv-" + System.nanoTime();
    return caller.sendAuthenticated(
        cseq -> inviteHead(caller, uri, callId, cseq), "INVITE", uri, CALLER, CALLER_SECRET);
  }

  /** An INVITE with credentials for a nonce the server issued (a challenged first attempt, then this one). */
  private static String authenticatedInvite(TlsSip caller, String uri, String callId) {
    caller.send(inviteHead(caller, uri, callId, 1) + "Content-Length: 0\n\n");
    String challenge = caller.awaitFinalResponse(TIMEOUT);
    assertNotNull(challenge);
    assertTrue(challenge.startsWith("SIP/2.0 407"), challenge);
    String nonce = Digest.challengeParam(challenge, "Proxy-Authenticate", "nonce");
    return inviteHead(caller, uri, callId, 2) + "Proxy-Authorization: "
        + Digest.authorization(CALLER, Phones.DOMAIN, CALLER_SECRET, "INVITE", uri, nonce, 1)
        + "\nContent-Length: 0\n\n";
  }

  private static String inviteHead(TlsSip caller, String uri, String callId, int cseq) {
    return caller.request("INVITE", uri, CALLER, uri, callId, cseq)
        + "Contact: <sip:" + CALLER + "@127.0.0.1:" + caller.localPort() + ";transport=tls>\n";
  }

  private static HttpResponse<String> https(SSLContext tls, int port, String path, boolean authenticated)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    if (authenticated) {
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(
              ("admin:" + PbxServerProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Socket connect(int port) throws IOException {
    return connectTo("127.0.0.1", port);
  }

  private static Socket connectTo(String host, int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
    return s;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    Collections.addAll(command, args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, p.exitValue(), out);
  }

  private static String fingerprintOf(Path store, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, password.toCharArray());
    }
    return PinnedTls.fingerprint(ks.getCertificate(Collections.list(ks.aliases()).get(0)).getEncoded());
  }
}
