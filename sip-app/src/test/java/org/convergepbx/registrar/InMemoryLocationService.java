package org.convergepbx.registrar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The location service contract kept in a list, for the registrar's unit tests. */
final class InMemoryLocationService implements LocationService {
  private final List<Binding> bindings = new ArrayList<>();

  @Override
  public List<Binding> lookup(String aor, Instant now) {
    return bindings.stream()
        .filter(b -> b.aor().equals(aor) && b.expiresAt().isAfter(now))
        .sorted(Comparator.comparingInt(Binding::qMillis).reversed())
        .toList();
  }

  @Override
  public List<Binding> update(
      String aor, Collection<Binding> upserts, Collection<String> removedContacts, Instant now) {
    bindings.removeIf(b -> b.aor().equals(aor) && removedContacts.contains(b.contactUri()));
    for (Binding u : upserts) {
      bindings.removeIf(b -> b.aor().equals(aor) && b.contactUri().equals(u.contactUri()));
      bindings.add(u);
    }
    return lookup(aor, now);
  }

  @Override
  public void removeAll(String aor) {
    bindings.removeIf(b -> b.aor().equals(aor));
  }

  @Override
  public int purgeExpired(Instant now) {
    int before = bindings.size();
    bindings.removeIf(b -> !b.expiresAt().isAfter(now));
    return before - bindings.size();
  }

  @Override
  public long countActive(Instant now) {
    return bindings.stream().filter(b -> b.expiresAt().isAfter(now)).count();
  }
}
