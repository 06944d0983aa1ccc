package org.convergepbx.trunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.OrderColumn;
import javax.persistence.Table;

/**
 * A SIP trunk to another server (a provider, another site's PBX, the routing hub). Invariant (kept by
 * {@link TrunkService}): the host is a host name or an address, the port 1-65535, the transport udp or tcp,
 * the inbound addresses are IP addresses or CIDR blocks, and the secret is set exactly when the username is.
 */
@Entity
@Table(name = "trunk")
public class Trunk {
  @Id
  @Column(name = "name", length = 32)
  private String name;

  @Column(name = "host", nullable = false)
  private String host;

  @Column(name = "port", nullable = false)
  private int port;

  @Column(name = "transport", nullable = false)
  private String transport;

  @Column(name = "username")
  private String username;

  /** Kept as given: the PBX answers the peer's digest challenges with it. */
  @Column(name = "secret")
  private String secret;

  @Column(name = "caller_id")
  private String callerId;

  @Column(name = "max_channels", nullable = false)
  private int maxChannels;

  @Column(name = "keepalive", nullable = false)
  private int keepalive;

  @Column(name = "register_user")
  private String registerUser;

  @Column(name = "register_secret")
  private String registerSecret;

  @Column(name = "register_host")
  private String registerHost;

  @Column(name = "register_port")
  private Integer registerPort;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "trunk_address", joinColumns = @JoinColumn(name = "trunk_name"))
  @OrderColumn(name = "address_order")
  @Column(name = "address", nullable = false)
  private List<String> inboundAddresses = new ArrayList<>();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Trunk() {}

  Trunk(String name) {
    this.name = name;
  }

  void clearList() {
    inboundAddresses.clear();
  }

  void configure(TrunkSettings s, Instant at) {
    host = s.host();
    port = s.port();
    transport = s.transport();
    username = s.username();
    secret = s.secret();
    callerId = s.callerId();
    maxChannels = s.maxChannels();
    keepalive = s.keepalive();
    inboundAddresses = new ArrayList<>(s.inboundAddresses());
    Registration r = s.registration();
    registerUser = r == null ? null : r.user();
    registerSecret = r == null ? null : r.secret();
    registerHost = r == null ? null : r.host();
    registerPort = r == null ? null : r.port();
    updatedAt = at;
  }

  public String name() {
    return name;
  }

  public TrunkSettings settings() {
    Registration registration =
        registerUser == null ? null : new Registration(registerUser, registerSecret, registerHost, registerPort);
    return new TrunkSettings(host, port, transport, username, secret, callerId, maxChannels, keepalive,
        List.copyOf(inboundAddresses), registration);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
