package org.convergepbx.trunk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.Members;

/**
 * Configuration of outbound routes (dialled number to trunks) and inbound routes (DID to destination), and the
 * choices made from them for calls.
 */
public final class RouteService {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern DID = Pattern.compile("\\+?[0-9*#]{1,31}");
  static final int MAX_PATTERNS = 50;
  static final int MAX_TRUNKS = 10;
  static final int MAX_LIMIT = 100_000;

  private final TrunkRepository repository;
  private final Predicate<String> extensionExists;
  private final Predicate<Destination> destinationExists;
  private final Clock clock;

  public RouteService(
      TrunkRepository repository, Predicate<String> extensionExists, Predicate<Destination> destinationExists,
      Clock clock) {
    this.repository = repository;
    this.extensionExists = extensionExists;
    this.destinationExists = destinationExists;
    this.clock = clock;
  }

  public List<OutboundRoute> outboundRoutes() {
    return repository.routes();
  }

  public Optional<OutboundRoute> outboundRoute(String name) {
    return repository.findRoute(name);
  }

  /** Creates or replaces an outbound route (a new one without a position goes last); true if created. */
  public boolean putOutbound(String name, OutboundRouteDraft d) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException("name", "a route name is 1 to 32 of a-z, 0-9, _ and -");
    }
    List<DialPattern> patterns = d.patterns() == null ? List.of() : d.patterns();
    if (patterns.isEmpty() || patterns.size() > MAX_PATTERNS) {
      throw new InvalidInputException("patterns", "a route has 1 to " + MAX_PATTERNS + " dial patterns");
    }
    for (int i = 0; i < patterns.size(); i++) {
      patterns.get(i).validated("patterns[" + i + "]");
    }
    List<String> trunks = d.trunks() == null ? List.of() : d.trunks();
    if (trunks.isEmpty() || trunks.size() > MAX_TRUNKS) {
      throw new InvalidInputException("trunks", "a route has 1 to " + MAX_TRUNKS + " trunks, tried in order");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < trunks.size(); i++) {
      String t = trunks.get(i);
      if (t == null || repository.find(t).isEmpty()) {
        throw new InvalidInputException("trunks[" + i + "]", "no trunk named '" + t + "'");
      }
      if (!seen.add(t)) {
        throw new InvalidInputException("trunks[" + i + "]", t + " is listed twice");
      }
    }
    List<String> allowed = d.allowedExtensions() == null ? List.of() : d.allowedExtensions();
    Members.requireExtensions("allowedExtensions", allowed, extensionExists, "is not an extension");
    Optional<OutboundRoute> existing = repository.findRoute(name);
    int position = d.position() != null ? d.position()
        : existing.map(OutboundRoute::position)
            .orElseGet(() -> repository.routes().stream().mapToInt(OutboundRoute::position).max().orElse(0) + 10);
    if (position < 0 || position > 1_000_000) {
      throw new InvalidInputException("position", "position is 0 to 1000000 (lowest is tried first)");
    }
    RouteLimits limits = new RouteLimits(
        Boolean.TRUE.equals(d.international()), limit("maxCalls", d.maxCalls()),
        limit("maxCallsPerMinute", d.maxCallsPerMinute()));
    OutboundRoute route = existing.orElseGet(() -> new OutboundRoute(name));
    route.configure(position, patterns, trunks, allowed, limits, clock.instant());
    repository.saveRoute(route);
    return existing.isEmpty();
  }

  private static int limit(String field, Integer value) {
    if (value == null) {
      return 0;
    }
    if (value < 0 || value > MAX_LIMIT) {
      throw new InvalidInputException(field, field + " is 0 (no limit) to " + MAX_LIMIT);
    }
    return value;
  }

  public void deleteOutbound(String name) {
    if (!repository.deleteRoute(name)) {
      throw new NotFoundException("no outbound route " + name);
    }
  }

  /** The outbound routes as the choice of a route needs them, in order. */
  public List<RouteTable.Rule> rules() {
    List<RouteTable.Rule> rules = new ArrayList<>();
    for (OutboundRoute r : repository.routes()) {
      rules.add(new RouteTable.Rule(r.name(), r.patterns(), r.trunks(), r.allowedExtensions(), r.limits()));
    }
    return rules;
  }

  public List<InboundRoute> inboundRoutes() {
    return repository.inboundRoutes();
  }

  public Optional<InboundRoute> inboundRoute(String id) {
    return repository.findInbound(id);
  }

  /**
   * Creates or replaces the inbound route of a DID ({@code any} for any DID) and caller ID (empty for any);
   * true if created.
   */
  public boolean putInbound(String did, String callerId, String destination, String description) {
    String d = did == null ? "" : did.trim();
    if (!d.equals("any") && !DID.matcher(d).matches()) {
      throw new InvalidInputException("did", "did is a number (digits, * #, optionally after +) or 'any'");
    }
    String cid = callerId == null ? "" : callerId.trim();
    if (!cid.isEmpty() && !DID.matcher(cid).matches()) {
      throw new InvalidInputException("callerId", "callerId is a number, or empty for any caller");
    }
    String target = Destination.existing("destination", destination, destinationExists).text();
    String text = description == null ? "" : description.trim();
    if (text.length() > 80) {
      throw new InvalidInputException("description", "at most 80 characters");
    }
    String storedDid = d.equals("any") ? "" : d;
    Optional<InboundRoute> existing = repository.findInbound(InboundRoute.idOf(storedDid, cid));
    InboundRoute route = existing.orElseGet(() -> new InboundRoute(storedDid, cid));
    route.configure(target, text, clock.instant());
    repository.saveInbound(route);
    return existing.isEmpty();
  }

  public void deleteInbound(String id) {
    if (!repository.deleteInbound(id)) {
      throw new NotFoundException("no inbound route " + id);
    }
  }

  /**
   * Where a call arriving on a trunk for {@code did} from {@code caller} goes: the most specific inbound route
   * (DID and caller ID, DID, any DID and caller ID, any DID), if one matches.
   */
  public Optional<Destination> inbound(String did, String caller) {
    String c = caller == null ? "" : caller;
    String n = did == null ? "" : did;
    Set<String> ids = new java.util.LinkedHashSet<>();
    if (!c.isEmpty()) {
      ids.add(InboundRoute.idOf(n, c));
    }
    ids.add(InboundRoute.idOf(n, ""));
    if (!c.isEmpty()) {
      ids.add(InboundRoute.idOf("", c));
    }
    ids.add(InboundRoute.idOf("", ""));
    for (String id : ids) {
      Optional<InboundRoute> r = repository.findInbound(id);
      if (r.isPresent()) {
        return Optional.of(Destination.parse("destination", r.get().destination()));
      }
    }
    return Optional.empty();
  }

}
