package org.convergepbx.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registrar's decisions (RFC 3261 §10.3 steps 5–8) over the location service: wildcard removal, expiry
 * intervals with 423, Call-ID/CSeq ordering, add, refresh and remove of contacts.
 */
public final class RegistrarService {
  private final LocationService locations;
  private final RegistrarPolicy policy;
  private final Clock clock;

  public RegistrarService(LocationService locations, RegistrarPolicy policy, Clock clock) {
    this.locations = locations;
    this.policy = policy;
    this.clock = clock;
  }

  public RegisterOutcome register(RegisterRequest r) {
    Instant now = clock.instant();
    if (r.wildcard()) {
      return removeAll(r, now);
    }
    List<Binding> existing = locations.lookup(r.aor(), now);
    List<Binding> upserts = new ArrayList<>();
    List<String> removals = new ArrayList<>();
    for (ContactSpec c : r.contacts()) {
      int requested = c.expires() != null ? c.expires() : defaultInterval(r);
      if (requested < 0) {
        return new RegisterOutcome.Refused(400, "Negative Expires");
      }
      if (requested > 0 && requested < policy.minExpires()) {
        return new RegisterOutcome.IntervalTooBrief(policy.minExpires());
      }
      if (isOutOfOrder(existing, c.uri(), r)) {
        return new RegisterOutcome.Refused(500, "Out of order CSeq for this Call-ID");
      }
      if (requested == 0) {
        removals.add(c.uri());
      } else {
        int granted = Math.min(requested, policy.maxExpires());
        upserts.add(
            new Binding(
                r.aor(), c.uri(), c.qMillis(), now.plusSeconds(granted), r.callId(), r.cseq(),
                r.userAgent(), r.source(), now));
      }
    }
    if (countAfter(existing, upserts, removals) > policy.maxContacts()) {
      return new RegisterOutcome.Refused(403, "Too many contacts (max " + policy.maxContacts() + ")");
    }
    if (upserts.isEmpty() && removals.isEmpty()) {
      return new RegisterOutcome.Registered(existing);
    }
    return new RegisterOutcome.Registered(locations.update(r.aor(), upserts, removals, now));
  }

  private RegisterOutcome removeAll(RegisterRequest r, Instant now) {
    if (!r.contacts().isEmpty() || r.expiresHeader() == null || r.expiresHeader() != 0) {
      return new RegisterOutcome.Refused(400, "Contact * requires Expires: 0 and no other contact");
    }
    locations.removeAll(r.aor());
    return new RegisterOutcome.Registered(List.of());
  }

  private int defaultInterval(RegisterRequest r) {
    return r.expiresHeader() != null ? r.expiresHeader() : policy.defaultExpires();
  }

  /** A retransmitted or reordered REGISTER: same Call-ID, CSeq not higher than the stored one. */
  private static boolean isOutOfOrder(List<Binding> existing, String uri, RegisterRequest r) {
    return existing.stream()
        .anyMatch(
            b -> b.contactUri().equals(uri) && b.callId().equals(r.callId()) && b.cseq() >= r.cseq());
  }

  private static long countAfter(List<Binding> existing, List<Binding> upserts, List<String> removals) {
    Set<String> uris = existing.stream().map(Binding::contactUri).collect(Collectors.toSet());
    upserts.forEach(u -> uris.add(u.contactUri()));
    removals.forEach(uris::remove);
    return uris.size();
  }
}
