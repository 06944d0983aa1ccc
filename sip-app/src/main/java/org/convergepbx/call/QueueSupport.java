package org.convergepbx.call;

import java.util.List;
import java.util.function.Function;
import org.convergepbx.queue.Acd;
import org.convergepbx.queue.QueueService;

/**
 * What queue calls need of the application.
 *
 * @param service the queues' configuration, agents and log
 * @param acd the distributor (who waits, who rings)
 * @param lines whether an extension is registered and whether it is on a call
 * @param contacts an extension's registered contacts, preferred first
 */
public record QueueSupport(
    QueueService service, Acd acd, Acd.Lines lines, Function<String, List<String>> contacts) {}
