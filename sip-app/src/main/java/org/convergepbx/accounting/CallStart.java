package org.convergepbx.accounting;

import java.time.Instant;

/**
 * The facts known when a call attempt starts.
 *
 * @param src the caller's extension
 * @param dst the number dialled
 * @param dcontext where the number was resolved (e.g. {@code from-internal})
 * @param clid caller ID as {@code "Name" <number>}
 * @param lastapp the application that handled the call (e.g. {@code Dial}) and {@code lastdata} its argument
 */
public record CallStart(
    String callId,
    String src,
    String dst,
    String dcontext,
    String clid,
    String lastapp,
    String lastdata,
    String fromUri,
    String toUri,
    String source,
    Instant at) {}
