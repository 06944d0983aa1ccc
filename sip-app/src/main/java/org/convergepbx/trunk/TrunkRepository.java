package org.convergepbx.trunk;

import java.util.List;
import java.util.Optional;

/** Stored trunks and routes. */
public interface TrunkRepository {
  Optional<Trunk> find(String name);

  List<Trunk> findAll();

  void save(Trunk trunk);

  boolean delete(String name);

  Optional<OutboundRoute> findRoute(String name);

  /** Outbound routes by position, then name. */
  List<OutboundRoute> routes();

  void saveRoute(OutboundRoute route);

  boolean deleteRoute(String name);

  Optional<InboundRoute> findInbound(String id);

  List<InboundRoute> inboundRoutes();

  void saveInbound(InboundRoute route);

  boolean deleteInbound(String id);
}
