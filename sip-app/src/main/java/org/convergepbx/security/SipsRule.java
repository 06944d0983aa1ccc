package org.convergepbx.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "A SIPS request never falls back to plain transport" (RFC 3261 §26.2.2, RFC 5630): the decisions,
 * pure, that keep it.
 *
 * <ul>
 *   <li>A request that asks for SIPS (its Request-URI, or for a REGISTER a Contact, is a {@code sips:} URI) must
 *       have arrived over TLS; otherwise it is refused with {@link #REFUSAL_STATUS} 403 naming the reason, and
 *       the client can retry over TLS. Answering it over a plain transport would pretend a security the hop
 *       did not have.
 *   <li>A call whose Request-URI is {@code sips:} is sent on only to contacts the PBX reaches over TLS: a
 *       {@code sips:} contact or one with {@code transport=tls}. A contact without either is reached by its URI
 *       over UDP or TCP (even if the phone registered over TLS), so it is skipped; when none is left the caller
 *       gets 480 rather than a downgraded call.
 * </ul>
 */
public final class SipsRule {
  /** The status of a SIPS request that came over a plain transport. */
  public static final int REFUSAL_STATUS = 403;

  public static final String REFUSAL_REASON = "SIPS requires TLS";

  private static final Pattern TRANSPORT_TLS =
      Pattern.compile("(?i);transport=tls(;|\\?|>|$)");

  private SipsRule() {}

  /** True for a {@code sips:} URI (the scheme is case-insensitive). */
  public static boolean isSips(String uri) {
    return uri != null && uri.regionMatches(true, 0, "sips:", 0, 5);
  }

  /**
   * The reason to refuse a request, if it asks for SIPS and did not come over TLS.
   *
   * @param requestUri the Request-URI
   * @param contacts the Contact URIs (of a REGISTER; empty for other requests)
   * @param transport the transport it arrived on (UDP, TCP, TLS, ...)
   */
  public static Optional<String> refusal(String requestUri, List<String> contacts, String transport) {
    boolean asksForSips = isSips(requestUri) || contacts.stream().anyMatch(SipsRule::isSips);
    if (!asksForSips || "TLS".equalsIgnoreCase(transport)) {
      return Optional.empty();
    }
    return Optional.of(REFUSAL_REASON);
  }

  /** True if sending to this contact URI uses TLS: a {@code sips:} URI, or {@code transport=tls}. */
  public static boolean reachedOverTls(String contactUri) {
    if (isSips(contactUri)) {
      return true;
    }
    return contactUri != null && TRANSPORT_TLS.matcher(contactUri.toLowerCase(Locale.ROOT)).find();
  }
}
