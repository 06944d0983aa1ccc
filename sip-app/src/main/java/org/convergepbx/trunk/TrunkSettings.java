package org.convergepbx.trunk;

import java.util.List;

/**
 * A trunk's validated configuration.
 *
 * @param host the peer's host name or address
 * @param port the peer's SIP port
 * @param transport {@code udp} or {@code tcp}
 * @param username the user the PBX authenticates as when the peer challenges (null: none)
 * @param secret that user's password (null exactly when {@code username} is)
 * @param callerId the caller number put in the From of calls sent on the trunk (null: the caller's own)
 * @param maxChannels calls at once on the trunk (0: no limit)
 * @param keepalive seconds between OPTIONS probes of the peer (0: none)
 * @param inboundAddresses addresses or CIDR blocks calls from the peer come from (calls from them are the trunk's)
 * @param registration the PBX's registration to the peer, or null
 */
public record TrunkSettings(
    String host,
    int port,
    String transport,
    String username,
    String secret,
    String callerId,
    int maxChannels,
    int keepalive,
    List<String> inboundAddresses,
    Registration registration) {
  public TrunkSettings {
    inboundAddresses = List.copyOf(inboundAddresses);
  }

  /** The SIP URI of {@code number} at the peer. */
  public String uriOf(String number) {
    return "sip:" + number + "@" + hostPort();
  }

  /** The peer itself ({@code sip:host:port}), as OPTIONS probes address it. */
  public String peerUri() {
    return "sip:" + hostPort();
  }

  private String hostPort() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port + (transport.equals("udp") ? "" : ";transport=" + transport);
  }
}
