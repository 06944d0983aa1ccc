package org.convergepbx.trunk;

import java.util.List;

/** A trunk as sent over HTTP, before validation; see {@link TrunkSettings} for the fields. */
public record TrunkDraft(
    String host,
    Integer port,
    String transport,
    String username,
    String secret,
    String callerId,
    Integer maxChannels,
    Integer keepalive,
    List<String> inboundAddresses,
    String register) {}
