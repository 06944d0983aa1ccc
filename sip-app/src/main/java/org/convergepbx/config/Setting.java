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
