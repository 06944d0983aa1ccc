package org.convergepbx.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket for one call's RTP: it receives on its own thread and hands every valid packet from the
 * phone's address to a listener, and sends packets to the phone. Packets from any other address (RTP
 * injection) and anything that is not RTP are dropped and counted.
 */
public final class RtpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RtpEndpoint.class);
  private static final int MAX_PACKET = 1500;

  private final DatagramChannel channel;
  private final Thread receiver;
  private volatile SocketAddress remote;
  private volatile Consumer<RtpPacket> listener = p -> {};
  private volatile long dropped;

  private RtpEndpoint(DatagramChannel channel, String name) {
    this.channel = channel;
    this.receiver = new Thread(this::receive, name);
    receiver.setDaemon(true);
  }

  /**
   * Binds the first free even port of [first, last] on {@code host} (RTP takes even ports, RFC 3550 §11).
   *
   * @throws UncheckedIOException if every port of the range is taken
   */
  public static RtpEndpoint bind(String host, int first, int last) {
    for (int port = first + (first & 1); port <= last; port += 2) {
      DatagramChannel ch = null;
      try {
        ch = DatagramChannel.open();
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
        ch.bind(new InetSocketAddress(host, port));
        RtpEndpoint e = new RtpEndpoint(ch, "rtp-" + port);
        e.receiver.start();
        return e;
      } catch (IOException taken) {
        closeQuietly(ch);
      }
    }
    throw new UncheckedIOException(new IOException("no free RTP port in " + first + "-" + last));
  }

  /** The local port. */
  public int port() {
    try {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where packets go, and the only address packets are accepted from. */
  public void connect(InetSocketAddress phone) {
    this.remote = phone;
  }

  public void onPacket(Consumer<RtpPacket> listener) {
    this.listener = listener;
  }

  public void send(RtpPacket packet) {
    SocketAddress to = remote;
    if (to == null) {
      return;
    }
    try {
      channel.send(ByteBuffer.wrap(packet.toBytes()), to);
    } catch (IOException e) {
      LOG.debug("RTP send to {} failed: {}", to, e.toString());
    }
  }

  /** Packets dropped: not RTP, or not from the phone's address. */
  public long dropped() {
    return dropped;
  }

  private void receive() {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_PACKET);
    while (channel.isOpen()) {
      try {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        if (remote == null || !remote.equals(from)) {
          dropped++;
          continue;
        }
        listener.accept(RtpPacket.parse(buffer.array(), buffer.position()));
      } catch (ClosedChannelException closed) {
        return;
      } catch (IllegalArgumentException notRtp) {
        dropped++;
      } catch (IOException | RuntimeException e) {
        LOG.debug("RTP receive failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(DatagramChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        LOG.trace("closing an RTP socket failed", ignored);
      }
    }
  }
}
