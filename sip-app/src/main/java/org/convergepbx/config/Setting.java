package org.convergepbx.config;

/**
 * Every setting of the application, with its default. A setting is read from the environment variable of its
 * name, else from the system property of the same name ({@code -DPBX_DOMAIN=...}), else the default applies.
 * The table in {@code docs/configuration.md} lists the same names and defaults.
 */
public enum Setting {
  /** SIP domain and digest realm. Default: the host name. */
  PBX_DOMAIN(null),
  /** Directory for the database, recordings and logs. */
  PBX_DATA_DIR("./pbx-data"),
  /** Administrator user name of the HTTP API. */
  PBX_ADMIN_USER("admin"),
  /** Administrator password; if unset on first start one is generated, its hash stored and it is printed once. */
  PBX_ADMIN_PASSWORD(null),
  /** JDBC URL; default an embedded Derby database under {@code PBX_DATA_DIR/db}. */
  PBX_DB_URL(null),
  /** Database user (not needed for embedded Derby). */
  PBX_DB_USER(null),
  /** Database password (not needed for embedded Derby). */
  PBX_DB_PASSWORD(null),
  /** Shortest registration interval accepted, seconds; shorter requests get 423 with Min-Expires. */
  PBX_REGISTER_MIN_EXPIRES("60"),
  /** Registration interval granted when a REGISTER names none, seconds. */
  PBX_REGISTER_DEFAULT_EXPIRES("3600"),
  /** Longest registration interval granted, seconds; longer requests are shortened to it. */
  PBX_REGISTER_MAX_EXPIRES("7200"),
  /** Most contacts one extension may register at once. */
  PBX_REGISTER_MAX_CONTACTS("10"),
  /** Seconds a digest nonce stays valid; an older one is answered with stale=true. */
  PBX_NONCE_TTL("300"),
  /** Seconds an unanswered call rings before the proxy gives up (408 to the caller). */
  PBX_RING_TIMEOUT("60"),
  /** Longest a call is accounted for, seconds: a call whose BYE never arrives has its record closed then. */
  PBX_MAX_CALL_DURATION("14400"),
  /** Seconds between updates of the last-seen time of open call records (their end time after a crash). */
  PBX_CDR_HEARTBEAT("15"),
  /** First UDP port for the server's own RTP (voicemail); RTP takes even ports. */
  PBX_RTP_PORT_MIN("20000"),
  /** Last UDP port for the server's own RTP. */
  PBX_RTP_PORT_MAX("29999"),
  /** Longest voicemail message, in seconds; the server hangs up when it is reached. */
  PBX_VOICEMAIL_MAX_SECONDS("180"),
  /** SMTP server for voicemail e-mails; unset: messages are stored but not e-mailed. */
  PBX_SMTP_HOST(null),
  /** SMTP port. */
  PBX_SMTP_PORT("25"),
  /** Sender address of voicemail e-mails; default {@code pbx@<PBX_DOMAIN>}. */
  PBX_SMTP_FROM(null),
  /** Digest algorithms challenged with, most preferred first: {@code SHA-256} and/or {@code MD5}. */
  PBX_DIGEST_ALGORITHMS("SHA-256,MD5"),
  /** Addresses and CIDR blocks (comma-separated) never banned nor rate-limited: this host, operators, trusted peers. */
  PBX_SECURITY_ALLOW("127.0.0.1,::1"),
  /** Seconds of the window in which a source's SIP requests are counted. */
  PBX_FLOOD_WINDOW_SECONDS("2"),
  /** Most SIP requests one source (a phone, a NAT address) may send per window; more bans it. */
  PBX_FLOOD_MAX_REQUESTS("100"),
  /** Most SIP requests a trunk peer's address may send per window. */
  PBX_FLOOD_TRUNK_MAX_REQUESTS("1000"),
  /** Seconds a flooding source stays banned. */
  PBX_BAN_SECONDS("600"),
  /** Failed authentications, per user name and per source, that lock them out. */
  PBX_AUTH_MAX_FAILURES("10"),
  /** Seconds within which failed authentications are counted together. */
  PBX_AUTH_FAILURE_WINDOW_SECONDS("600"),
  /** Seconds a user name or source stays locked out after too many failed authentications. */
  PBX_AUTH_LOCKOUT_SECONDS("900"),
  /** Most calls one extension may have under way at once (0: no limit). */
  PBX_EXTENSION_MAX_CALLS("4"),
  /** Most calls one extension may start per minute (0: no limit). */
  PBX_EXTENSION_CALLS_PER_MINUTE("20"),
  /** Prefixes (comma-separated) of international numbers: only routes that allow international calls take them. */
  PBX_INTERNATIONAL_PREFIXES("00,011,+"),
  /** Percent of the heap in use after a collection above which new calls and registrations get 503 (0: off). */
  PBX_OVERLOAD_HEAP_PERCENT("90"),
  /** Percent of the machine's CPU this process uses, over 10 s, above which new work gets 503 (0: off). */
  PBX_OVERLOAD_CPU_PERCENT("95"),
  /** SIP requests handled at once above which new work gets 503 (0: off). */
  PBX_OVERLOAD_PENDING("200"),
  /** Retry-After seconds of the 503 sent when overloaded or draining. */
  PBX_OVERLOAD_RETRY_AFTER("10"),
  /** Failed HTTP logins of one user name (known or not) that lock it; each within the lockout of the last. */
  PBX_HTTP_LOCKOUT_FAILURES("5"),
  /** Failed HTTP logins from one source address that lock the address, for every user name. */
  PBX_HTTP_LOCKOUT_ADDRESS_FAILURES("20"),
  /** Seconds a lock lasts (429 with Retry-After, even for the right password); also the gap that ends a run. */
  PBX_HTTP_LOCKOUT_SECONDS("300"),
  /** Largest HTTP API request body, bytes (413 above it); recording and greeting uploads have their own cap. */
  PBX_HTTP_MAX_BODY_BYTES("1048576");

  private final String defaultValue;

  Setting(String defaultValue) {
    this.defaultValue = defaultValue;
  }

  public String defaultValue() {
    return defaultValue;
  }
}
