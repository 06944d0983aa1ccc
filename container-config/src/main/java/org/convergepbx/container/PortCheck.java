package org.convergepbx.container;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks before start-up that the SIP (UDP, TCP and TLS), HTTP and HTTPS ports can be bound. The SIP connectors
 * of the container log a bind failure and still report themselves started, so without this check the server
 * would run without a SIP listener.
 */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(LauncherSettings s) {
    InetAddress sip = address("PBX_BIND", s.bind());
    InetAddress http = address("PBX_HTTP_BIND", s.httpBind());
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(sip, s.sipPort()))) {
      udp.getLocalPort();
    } catch (IOException e) {
      throw new LaunchException(
          "SIP UDP port " + s.bind() + ":" + s.sipPort() + " is not available: " + e.getMessage());
    }
    requireTcp(sip, s.bind(), s.sipPort(), "SIP TCP");
    requireTcp(http, s.httpBind(), s.httpPort(), "HTTP");
    if (s.tls().sipPort() > 0) {
      requireTcp(sip, s.bind(), s.tls().sipPort(), "SIP TLS");
    }
    if (s.tls().httpsPort() > 0) {
      requireTcp(http, s.httpBind(), s.tls().httpsPort(), "HTTPS");
    }
  }

  private static InetAddress address(String setting, String value) {
    try {
      return InetAddress.getByName(value);
    } catch (IOException e) {
      throw new LaunchException(setting + " " + value + " is not an address of this host");
    }
  }

  private static void requireTcp(InetAddress address, String bind, int port, String what) {
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      throw new LaunchException(what + " port " + bind + ":" + port + " is not available: " + e.getMessage());
    }
  }
}
