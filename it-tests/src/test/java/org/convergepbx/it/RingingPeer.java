package org.convergepbx.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SIP peer on a UDP socket that rings forever: every INVITE is answered 100 and 180 (never answered), a CANCEL
 * 200 with the INVITE's 487, a BYE 200, an OPTIONS 200. It stands for a provider behind a trunk when a test only
 * needs to see which calls reach it.
 */
public final class RingingPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread reader;
  private final List<String> invitedNumbers = new CopyOnWriteArrayList<>();
  private final Map<String, String> invitesByCallId = new ConcurrentHashMap<>();

  public RingingPeer() {
    try {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    reader = new Thread(this::serve, "ringing-peer");
    reader.setDaemon(true);
    reader.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The user parts of the Request-URIs of the INVITEs received, in order. */
  public List<String> invitedNumbers() {
    return List.copyOf(invitedNumbers);
  }

  private void serve() {
    byte[] buf = new byte[65535];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
      if (!msg.startsWith("SIP/2.0")) {
        answer(msg, p);
      }
    }
  }

  private void answer(String request, DatagramPacket from) {
    String method = request.substring(0, request.indexOf(' '));
    String callId = header(request, "Call-ID");
    switch (method) {
      case "INVITE" -> {
        if (invitesByCallId.putIfAbsent(callId, request) == null) {
          String uri = request.substring(request.indexOf(' ') + 1, request.indexOf(" SIP/2.0"));
          invitedNumbers.add(uri.substring(uri.indexOf(':') + 1, uri.indexOf('@')));
        }
        send(response(request, 100, "Trying"), from);
        send(response(request, 180, "Ringing"), from);
      }
      case "CANCEL" -> {
        send(response(request, 200, "OK"), from);
        String invite = invitesByCallId.get(callId);
        if (invite != null) {
          send(response(invite, 487, "Request Terminated"), from);
        }
      }
      case "ACK" -> { }
      default -> send(response(request, 200, "OK"), from);
    }
  }

  private static String response(String request, int status, String reason) {
    StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
    for (String line : request.split("\r\n")) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
      if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("From") || name.equalsIgnoreCase("Call-ID")
          || name.equalsIgnoreCase("CSeq")) {
        r.append(line).append("\r\n");
      } else if (name.equalsIgnoreCase("To")) {
        r.append(line).append(status > 100 && !line.contains(";tag=") ? ";tag=peer" : "").append("\r\n");
      }
    }
    return r.append("Content-Length: 0\r\n\r\n").toString();
  }

  private static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return "";
  }

  private void send(String message, DatagramPacket to) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to.getSocketAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
