package org.convergepbx.registrar;

/**
 * Registration interval limits, in seconds, and the most contacts one AOR may hold.
 *
 * <p>Invariant: 0 &lt; min &le; default &le; max, and maxContacts &ge; 1.
 */
public record RegistrarPolicy(
    int minExpires, int defaultExpires, int maxExpires, int maxContacts) {
  public RegistrarPolicy {
    if (minExpires <= 0 || minExpires > defaultExpires || defaultExpires > maxExpires) {
      throw new IllegalArgumentException(
          "registration intervals must satisfy 0 < min <= default <= max, got "
              + minExpires + "/" + defaultExpires + "/" + maxExpires);
    }
    if (maxContacts < 1) {
      throw new IllegalArgumentException("max contacts must be at least 1");
    }
  }
}
