package org.convergepbx.container;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks before start-up that the SIP (UDP and TCP) and HTTP ports can be bound. The SIP connectors of the
 * container log a bind failure and still report themselves started, so without this check the server would
 * run without a SIP listener.
 */
final class PortCheck {
  private PortCheck() {}

  static void requireFree(String bind, int sipPort, int httpPort) {
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new LaunchException("PBX_BIND " + bind + " is not an address of this host");
    }
    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, sipPort))) {
      udp.getLocalPort();
    } catch (IOException e) {
      throw new LaunchException("SIP UDP port " + bind + ":" + sipPort + " is not available: " + e.getMessage());
    }
    requireTcp(address, bind, sipPort, "SIP TCP");
    requireTcp(address, bind, httpPort, "HTTP");
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
