package org.convergepbx.trunk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.convergepbx.common.AddressRule;
import org.convergepbx.common.ConflictException;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;

/** Configuration of trunks; a change is validated as a whole before anything is written. */
public final class TrunkService {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}(/([0-9]|[12]\\d|3[0-2])|:\\d{1,5})?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}(/\\d{1,3})?");
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,31}");
  static final int MAX_ADDRESSES = 32;

  private final TrunkRepository repository;
  private final TrunkChannels channels;
  private final Predicate<String> extensionExists;
  private final Clock clock;

  /** @param extensionExists an extension's number is never a trunk's digest user (the extension wins) */
  public TrunkService(
      TrunkRepository repository, TrunkChannels channels, Predicate<String> extensionExists, Clock clock) {
    this.repository = repository;
    this.channels = channels;
    this.extensionExists = extensionExists;
    this.clock = clock;
  }

  /**
   * The trunk whose peer authenticates as {@code user} (the trunk's {@code username}, with its secret): calls a
   * peer authenticates that way are the trunk's. Never a user that is an extension's number.
   */
  public Optional<String> byUsername(String user) {
    if (user == null || extensionExists.test(user)) {
      return Optional.empty();
    }
    return repository.findAll().stream()
        .filter(t -> user.equals(t.settings().username()))
        .map(Trunk::name)
        .findFirst();
  }

  /** The secret a peer authenticating as {@code user} must know, if {@code user} is a trunk's. */
  public Optional<String> peerSecret(String user) {
    return byUsername(user).flatMap(repository::find).map(t -> t.settings().secret());
  }

  /** True if the trunk carries as many calls as its {@code maxChannels} allows. */
  public boolean full(String name) {
    return repository.find(name).map(t -> channels.full(name, t.settings().maxChannels())).orElse(false);
  }

  public List<Trunk> list() {
    return repository.findAll();
  }

  public Optional<Trunk> find(String name) {
    return repository.find(name);
  }

  public boolean exists(String name) {
    return repository.find(name).isPresent();
  }

  /**
   * The trunk a request from {@code address}:{@code port} comes from: the first trunk (by name) with an inbound
   * address covering it, if any.
   */
  public Optional<String> identify(String address, int port) {
    for (Trunk t : repository.findAll()) {
      for (String entry : t.settings().inboundAddresses()) {
        if (AddressRule.parse(entry).matches(address, port)) {
          return Optional.of(t.name());
        }
      }
    }
    return Optional.empty();
  }

  /** Creates or replaces the trunk; returns true if it was created. */
  public boolean put(String name, TrunkDraft draft) {
    TrunkSettings valid = validate(name, draft);
    Optional<Trunk> existing = repository.find(name);
    Trunk trunk = existing.orElseGet(() -> new Trunk(name));
    trunk.configure(valid, clock.instant());
    repository.save(trunk);
    return existing.isEmpty();
  }

  /**
   * Deletes a trunk no outbound route uses.
   *
   * @throws ConflictException naming the routes that use it
   */
  public void delete(String name) {
    if (!exists(name)) {
      throw new NotFoundException("no trunk " + name);
    }
    List<String> users = new ArrayList<>();
    repository.routes().stream().filter(r -> r.trunks().contains(name)).forEach(r -> users.add(r.name()));
    if (!users.isEmpty()) {
      throw new ConflictException("name", "trunk " + name + " is used by the outbound routes " + users);
    }
    repository.delete(name);
  }

  private static TrunkSettings validate(String name, TrunkDraft d) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("name", "a trunk name is 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
    }
    if (d.host() == null || !HOST.matcher(d.host().trim()).matches()) {
      throw new InvalidInputException("host", "host is the peer's host name or address");
    }
    int port = d.port() == null ? 5060 : d.port();
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port", "port is 1 to 65535");
    }
    String transport = d.transport() == null ? "udp" : d.transport().trim().toLowerCase(Locale.ROOT);
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      throw new InvalidInputException("transport", "transport is udp or tcp");
    }
    String username = blankToNull(d.username());
    String secret = blankToNull(d.secret());
    if (username != null && (username.length() > 64 || username.contains(":") || username.contains("@"))) {
      throw new InvalidInputException("username", "username is up to 64 characters, without : or @");
    }
    if ((username == null) != (secret == null) || (secret != null && secret.length() > 128)) {
      throw new InvalidInputException(username == null ? "username" : "secret",
          "username and secret (up to 128 characters) go together");
    }
    String callerId = blankToNull(d.callerId());
    if (callerId != null && !NUMBER.matcher(callerId).matches()) {
      throw new InvalidInputException("callerId", "callerId is a number (digits, optionally after +)");
    }
    int maxChannels = d.maxChannels() == null ? 0 : d.maxChannels();
    if (maxChannels < 0 || maxChannels > 10_000) {
      throw new InvalidInputException("maxChannels", "maxChannels is 0 (no limit) to 10000");
    }
    int keepalive = d.keepalive() == null ? 60 : d.keepalive();
    if (keepalive < 0 || keepalive > 3600) {
      throw new InvalidInputException("keepalive", "keepalive is 0 (none) to 3600 seconds");
    }
    List<String> addresses = d.inboundAddresses() == null ? List.of() : d.inboundAddresses();
    if (addresses.size() > MAX_ADDRESSES) {
      throw new InvalidInputException("inboundAddresses", "at most " + MAX_ADDRESSES + " addresses");
    }
    for (int i = 0; i < addresses.size(); i++) {
      String a = addresses.get(i);
      if (a == null || !(IPV4.matcher(a).matches() || (a.contains(":") && IPV6.matcher(a).matches()))) {
        throw new InvalidInputException("inboundAddresses[" + i + "]",
            "'" + a + "' is no IP address, address:port or CIDR block");
      }
    }
    Registration registration = blankToNull(d.register()) == null ? null : Registration.parse(d.register());
    return new TrunkSettings(d.host().trim(), port, transport, username, secret, callerId, maxChannels, keepalive,
        addresses, registration);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
