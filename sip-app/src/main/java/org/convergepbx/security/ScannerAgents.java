package org.convergepbx.security;

import java.util.List;
import java.util.Locale;

/**
 * The User-Agents of known SIP scanners and password crackers (SIPVicious' friendly-scanner, sipcli, sip-scan,
 * iWar, sundayddr, VaxSIPUserAgent, pplsip, smap). Their requests are dropped without an answer: an answer
 * only tells them a PBX is here. Matching is by substring, case-insensitive.
 */
public final class ScannerAgents {
  private static final List<String> KNOWN = List.of(
      "friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sipscan", "iwar", "sundayddr", "vaxsipuseragent",
      "pplsip", "smap");

  private ScannerAgents() {}

  /** True if the User-Agent header value is a known scanner's. */
  public static boolean isScanner(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return false;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    return KNOWN.stream().anyMatch(ua::contains);
  }
}
