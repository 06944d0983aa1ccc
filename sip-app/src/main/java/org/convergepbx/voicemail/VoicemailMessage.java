package org.convergepbx.voicemail;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A message left in a mailbox.
 *
 * @param mailbox the extension
 * @param caller who left it (the caller ID)
 * @param at when the call was answered
 * @param seconds its length
 * @param file the WAV file (8 kHz 16-bit mono)
 */
public record VoicemailMessage(String mailbox, String caller, Instant at, double seconds, Path file) {}
