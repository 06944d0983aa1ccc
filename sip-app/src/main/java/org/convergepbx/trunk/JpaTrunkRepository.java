package org.convergepbx.trunk;

import java.util.List;
import java.util.Optional;
import org.convergepbx.persistence.Database;

/** {@link TrunkRepository} on JPA. */
public final class JpaTrunkRepository implements TrunkRepository {
  private final Database db;

  public JpaTrunkRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Trunk> find(String name) {
    return db.read(em -> Optional.ofNullable(em.find(Trunk.class, name)));
  }

  @Override
  public List<Trunk> findAll() {
    return db.read(em -> em.createQuery("SELECT t FROM Trunk t ORDER BY t.name", Trunk.class).getResultList());
  }

  @Override
  public void save(Trunk trunk) {
    db.upsert(Trunk.class, trunk.name(), trunk, Trunk::clearList);
  }

  @Override
  public boolean delete(String name) {
    return db.deleteById(Trunk.class, name);
  }

  @Override
  public Optional<OutboundRoute> findRoute(String name) {
    return db.read(em -> Optional.ofNullable(em.find(OutboundRoute.class, name)));
  }

  @Override
  public List<OutboundRoute> routes() {
    return db.read(em -> em.createQuery(
        "SELECT r FROM OutboundRoute r ORDER BY r.position, r.name", OutboundRoute.class).getResultList());
  }

  @Override
  public void saveRoute(OutboundRoute route) {
    db.upsert(OutboundRoute.class, route.name(), route, OutboundRoute::clearLists);
  }

  @Override
  public boolean deleteRoute(String name) {
    return db.deleteById(OutboundRoute.class, name);
  }

  @Override
  public Optional<InboundRoute> findInbound(String id) {
    return db.read(em -> Optional.ofNullable(em.find(InboundRoute.class, id)));
  }

  @Override
  public List<InboundRoute> inboundRoutes() {
    return db.read(em -> em.createQuery("SELECT r FROM InboundRoute r ORDER BY r.id", InboundRoute.class)
        .getResultList());
  }

  @Override
  public void saveInbound(InboundRoute route) {
    db.upsert(InboundRoute.class, route.id(), route, r -> { });
  }

  @Override
  public boolean deleteInbound(String id) {
    return db.deleteById(InboundRoute.class, id);
  }
}
