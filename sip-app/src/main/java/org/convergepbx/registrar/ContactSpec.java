package org.convergepbx.registrar;

/**
 * One Contact of a REGISTER as the phone sent it.
 *
 * @param uri the contact URI
 * @param expires the contact's {@code expires} parameter, or null
 * @param qMillis the q-value in thousandths (1000 when absent)
 */
public record ContactSpec(String uri, Integer expires, int qMillis) {}
