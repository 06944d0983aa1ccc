package org.convergepbx.registrar;

import java.util.List;

/**
 * A REGISTER reduced to what the registrar decides on (RFC 3261 §10.3). The requester is already
 * authenticated as {@code aor}.
 *
 * @param wildcard true for {@code Contact: *}
 * @param expiresHeader the Expires header, or null
 */
public record RegisterRequest(
    String aor,
    List<ContactSpec> contacts,
    boolean wildcard,
    Integer expiresHeader,
    String callId,
    long cseq,
    String userAgent,
    String source) {}
