package org.convergepbx.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http cannot do: send from a chosen loopback address
 * (127.0.0.x, so that a test's failed logins lock only that address), and send headers without the body they
 * announce.
 */
final class RawHttp {
  private static final int TIMEOUT_MS = 10_000;

  private RawHttp() {}

  /** An answer: status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, String body) {}

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A GET from {@code from} with Basic credentials. */
  static Answer get(String from, int port, String path, String user, String password) throws IOException {
    try (Socket s = connect(from, port)) {
      send(s, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + basic(user, password)
          + "\r\nConnection: close\r\n\r\n");
      return read(s.getInputStream());
    }
  }

  /** Headers announcing {@code declaredLength} bytes of JSON, and none of them sent: the answer must come first. */
  static Answer announceOnly(int port, String method, String path, String authorization, long declaredLength)
      throws IOException {
    try (Socket s = connect("127.0.0.1", port)) {
      send(s, method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
          + "\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength + "\r\n\r\n");
      return read(s.getInputStream());
    }
  }

  /** A body sent chunked (no Content-Length), in 64 KiB chunks. */
  static Answer chunked(int port, String method, String path, String authorization, byte[] body) throws IOException {
    try (Socket s = connect("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + authorization
              + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      for (int off = 0; off < body.length; off += 65_536) {
        int n = Math.min(65_536, body.length - off);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, off, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(s.getInputStream());
    }
  }

  private static Socket connect(String from, int port) throws IOException {
    Socket s = new Socket();
    s.setSoTimeout(TIMEOUT_MS);
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
    return s;
  }

  private static void send(Socket s, String head) throws IOException {
    s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /** One response with a Content-Length or chunked body (the API's). */
  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int n = Integer.parseInt(line(in).split(";")[0].trim(), 16); n > 0;
          n = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(n));
        line(in);
      }
    }
    return new Answer(Integer.parseInt(parts[1]), headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response after: " + line.toString(StandardCharsets.US_ASCII));
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
