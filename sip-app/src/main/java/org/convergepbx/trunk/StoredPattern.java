package org.convergepbx.trunk;

import javax.persistence.Column;
import javax.persistence.Embeddable;

/** A {@link DialPattern} as a row of {@code outbound_route_pattern}. */
@Embeddable
public class StoredPattern {
  @Column(name = "prepend", nullable = false)
  private String prepend;

  @Column(name = "prefix", nullable = false)
  private String prefix;

  @Column(name = "match_pattern", nullable = false)
  private String match;

  @Column(name = "caller_id", nullable = false)
  private String callerId;

  protected StoredPattern() {}

  StoredPattern(DialPattern p) {
    prepend = p.prepend();
    prefix = p.prefix();
    match = p.match();
    callerId = p.callerId();
  }

  DialPattern pattern() {
    return new DialPattern(prepend, prefix, match, callerId);
  }
}
