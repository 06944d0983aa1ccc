package org.convergepbx.call;

import java.util.List;

/**
 * The final response a caller gets when every leg of a forked call failed, chosen as RFC 3261 §16.7 tells a
 * forking proxy to: a 6xx wins outright; otherwise busy (486) is told before the other 4xx, since it is what the
 * caller can act on; otherwise the lowest status class seen, the first of it.
 *
 * @param status the SIP status
 * @param reason its reason phrase
 */
public record FinalAnswer(int status, String reason) {
  /** Told when there was no leg to ring at all. */
  public static final FinalAnswer UNAVAILABLE = new FinalAnswer(480, "Temporarily Unavailable");

  /** The best of the legs' final answers (all of them non-2xx); {@link #UNAVAILABLE} if there are none. */
  public static FinalAnswer best(List<FinalAnswer> answers) {
    FinalAnswer best = null;
    for (FinalAnswer a : answers) {
      if (best == null || a.ranksAbove(best)) {
        best = a;
      }
    }
    return best == null ? UNAVAILABLE : best;
  }

  /** Busy here (486) or everywhere (600). */
  public boolean busy() {
    return status == 486 || status == 600;
  }

  private boolean ranksAbove(FinalAnswer other) {
    return rank() < other.rank();
  }

  private int rank() {
    if (status >= 600) {
      return 0;
    }
    if (status == 486) {
      return 1;
    }
    return 2 + status / 100;
  }
}
