package org.convergepbx.trunk;

import java.util.List;

/** An outbound route as sent over HTTP, before validation. */
public record OutboundRouteDraft(
    Integer position, List<DialPattern> patterns, List<String> trunks, List<String> allowedExtensions,
    Boolean international, Integer maxCalls, Integer maxCallsPerMinute) {}
