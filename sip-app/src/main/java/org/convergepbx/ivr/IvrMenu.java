package org.convergepbx.ivr;

import java.time.Duration;
import java.util.Map;
import org.convergepbx.routing.Destination;

/**
 * An IVR as a call needs it.
 *
 * @param number the IVR's number
 * @param announcement the recording to play, or null for none
 * @param keys key to destination
 * @param timeout how long to wait for a key after a prompt
 * @param invalidRetries invalid keys forgiven before {@code invalidDestination}
 * @param timeoutRetries silences forgiven before {@code timeoutDestination}
 * @param invalidRecording the recording played after an invalid key, or null for the built-in prompt
 * @param timeoutRecording the recording played after silence, or null for the built-in prompt
 * @param repeatKey the key that replays the announcement, or null
 * @param directDial whether an extension's number may be dialled
 * @param invalidDestination where too many invalid keys lead
 * @param timeoutDestination where too many silences lead
 */
public record IvrMenu(
    String number,
    String announcement,
    Map<Character, Destination> keys,
    Duration timeout,
    int invalidRetries,
    int timeoutRetries,
    String invalidRecording,
    String timeoutRecording,
    Character repeatKey,
    boolean directDial,
    Destination invalidDestination,
    Destination timeoutDestination) {
  public IvrMenu {
    keys = Map.copyOf(keys);
  }
}
