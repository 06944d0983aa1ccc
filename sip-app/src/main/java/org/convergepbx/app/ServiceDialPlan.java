package org.convergepbx.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.convergepbx.blacklist.BlacklistService;
import org.convergepbx.daynight.DayNightService;
import org.convergepbx.extension.ExtensionRepository;
import org.convergepbx.followme.FollowMeService;
import org.convergepbx.registrar.Binding;
import org.convergepbx.registrar.LocationService;
import org.convergepbx.ringgroup.RingGroupService;
import org.convergepbx.routing.Destination;
import org.convergepbx.routing.DialPlan;
import org.convergepbx.routing.FollowMePlan;
import org.convergepbx.routing.ForwardPlan;
import org.convergepbx.routing.GroupPlan;
import org.convergepbx.routing.OutboundPlan;
import org.convergepbx.security.CallLimit;
import org.convergepbx.trunk.RouteLimits;
import org.convergepbx.trunk.RouteService;
import org.convergepbx.trunk.RouteTable;
import org.convergepbx.trunk.Trunk;
import org.convergepbx.trunk.TrunkChannels;
import org.convergepbx.trunk.TrunkHealth;
import org.convergepbx.trunk.TrunkService;

/** The {@link DialPlan} of the running application: each question goes to the feature that owns the answer. */
final class ServiceDialPlan implements DialPlan {
  private final ExtensionRepository extensions;
  private final LocationService locations;
  private final Clock clock;
  private final RingGroupService ringGroups;
  private final FollowMeService followMe;
  private final Destinations destinations;
  private final DayNightService dayNight;
  private final BlacklistService blacklist;
  private final TrunkService trunks;
  private final RouteService routes;
  private final TrunkHealth health;
  private final TrunkChannels channels;
  private final List<String> internationalPrefixes;

  ServiceDialPlan(
      ExtensionRepository extensions,
      LocationService locations,
      Clock clock,
      RingGroupService ringGroups,
      FollowMeService followMe,
      Destinations destinations,
      DayNightService dayNight,
      BlacklistService blacklist,
      TrunkService trunks,
      RouteService routes,
      TrunkHealth health,
      TrunkChannels channels,
      List<String> internationalPrefixes) {
    this.internationalPrefixes = List.copyOf(internationalPrefixes);
    this.health = health;
    this.channels = channels;
    this.trunks = trunks;
    this.routes = routes;
    this.extensions = extensions;
    this.locations = locations;
    this.clock = clock;
    this.ringGroups = ringGroups;
    this.followMe = followMe;
    this.destinations = destinations;
    this.dayNight = dayNight;
    this.blacklist = blacklist;
  }

  @Override
  public boolean extensionExists(String number) {
    return extensions.exists(number);
  }

  @Override
  public boolean ivrExists(String number) {
    return destinations.exists(new Destination.IvrTarget(number));
  }

  @Override
  public boolean queueExists(String number) {
    return destinations.exists(new Destination.QueueTarget(number));
  }

  @Override
  public List<String> contactsOf(String extension) {
    return locations.lookup(extension, clock.instant()).stream().map(Binding::contactUri).toList();
  }

  @Override
  public Optional<GroupPlan> ringGroup(String number) {
    return ringGroups.plan(number);
  }

  @Override
  public Optional<FollowMePlan> followMe(String extension) {
    return followMe.plan(extension);
  }

  @Override
  public ForwardPlan forwarding(String extension) {
    return destinations.forwardPlan(extension);
  }

  @Override
  public Optional<Destination> dayNight(int index) {
    return dayNight.currentDestination(index);
  }

  @Override
  public Optional<Destination> blacklisted(String caller) {
    return blacklist.destinationFor(caller);
  }

  @Override
  public Optional<OutboundPlan> outbound(String caller, String dialled) {
    return RouteTable.choose(routes.rules(), caller, dialled, internationalPrefixes).map(this::plan);
  }

  private OutboundPlan plan(RouteTable.Choice choice) {
    if (choice instanceof RouteTable.Forbidden f) {
      return new OutboundPlan.Forbidden(f.route(), f.why());
    }
    RouteTable.Routed routed = (RouteTable.Routed) choice;
    List<OutboundPlan.TrunkAttempt> attempts = new ArrayList<>();
    for (String name : routed.trunks()) {
      if (health.down(name)) {
        continue;
      }
      trunks.find(name).map(Trunk::settings).filter(s -> !channels.full(name, s.maxChannels()))
          .ifPresent(s -> attempts.add(new OutboundPlan.TrunkAttempt(
          name, s.uriOf(routed.number()), s.username(), s.secret(), s.callerId())));
    }
    RouteLimits limits = routed.limits();
    CallLimit limit = new CallLimit("route:" + routed.route(), "route " + routed.route(), limits.maxCalls(),
        limits.maxCallsPerMinute());
    return new OutboundPlan.Routed(routed.route(), routed.number(), attempts, limit);
  }

  @Override
  public Optional<Destination> inbound(String did, String caller) {
    return routes.inbound(did, caller);
  }
}
