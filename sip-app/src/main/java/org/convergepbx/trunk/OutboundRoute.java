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
 * An outbound route: dialled numbers matching one of its patterns go out on its trunks, tried in order.
 * Routes are tried by {@code position}, lowest first; the first route with a matching pattern wins. Invariant
 * (kept by {@link RouteService}): at least one valid pattern, at least one existing trunk, the allowed
 * extensions exist (none listed: every extension may use the route). International numbers go out only on a
 * route that allows them, and a route's limits cap the calls it carries (toll-fraud protection).
 */
@Entity
@Table(name = "outbound_route")
public class OutboundRoute {
  @Id
  @Column(name = "name", length = 32)
  private String name;

  @Column(name = "position", nullable = false)
  private int position;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "outbound_route_pattern", joinColumns = @JoinColumn(name = "route_name"))
  @OrderColumn(name = "pattern_order")
  private List<StoredPattern> patterns = new ArrayList<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "outbound_route_trunk", joinColumns = @JoinColumn(name = "route_name"))
  @OrderColumn(name = "trunk_order")
  @Column(name = "trunk_name", nullable = false)
  private List<String> trunks = new ArrayList<>();

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "outbound_route_extension", joinColumns = @JoinColumn(name = "route_name"))
  @OrderColumn(name = "extension_order")
  @Column(name = "extension", nullable = false)
  private List<String> allowedExtensions = new ArrayList<>();

  @Column(name = "international", nullable = false)
  private boolean international;

  @Column(name = "max_calls", nullable = false)
  private int maxCalls;

  @Column(name = "max_calls_per_minute", nullable = false)
  private int maxCallsPerMinute;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected OutboundRoute() {}

  OutboundRoute(String name) {
    this.name = name;
  }

  void clearLists() {
    patterns.clear();
    trunks.clear();
    allowedExtensions.clear();
  }

  void configure(
      int position, List<DialPattern> patterns, List<String> trunks, List<String> allowed, RouteLimits limits,
      Instant at) {
    this.position = position;
    this.patterns = new ArrayList<>(patterns.stream().map(StoredPattern::new).toList());
    this.trunks = new ArrayList<>(trunks);
    this.allowedExtensions = new ArrayList<>(allowed);
    this.international = limits.international();
    this.maxCalls = limits.maxCalls();
    this.maxCallsPerMinute = limits.maxCallsPerMinute();
    this.updatedAt = at;
  }

  public String name() {
    return name;
  }

  public int position() {
    return position;
  }

  public List<DialPattern> patterns() {
    return patterns.stream().map(StoredPattern::pattern).toList();
  }

  public List<String> trunks() {
    return List.copyOf(trunks);
  }

  public List<String> allowedExtensions() {
    return List.copyOf(allowedExtensions);
  }

  /** Whether international numbers may go out on this route, and how many calls it carries. */
  public RouteLimits limits() {
    return new RouteLimits(international, maxCalls, maxCallsPerMinute);
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
