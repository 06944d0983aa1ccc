package org.convergepbx.ivr;

import java.util.Map;

/**
 * An IVR as sent over HTTP, before validation. Absent optional fields take FreePBX's defaults.
 *
 * @param name what the menu is for (required)
 * @param announcement the system recording played when the caller arrives, or null for none
 * @param keys key (0-9, *, #) to destination text
 * @param timeout seconds to wait for a key after the announcement (default 10)
 * @param invalidRetries how many times an invalid key is forgiven (default 3)
 * @param timeoutRetries how many times silence is forgiven (default 3)
 * @param invalidRecording played before the announcement again after an invalid key (null: built-in)
 * @param timeoutRecording played before the announcement again after silence (null: built-in)
 * @param repeatKey the key that plays the announcement again, or null
 * @param directDial whether callers may dial an extension's number
 * @param invalidDestination where the call goes after too many invalid keys (default hangup)
 * @param timeoutDestination where the call goes after too many silences (default hangup)
 */
public record IvrDraft(
    String name,
    String announcement,
    Map<String, String> keys,
    Integer timeout,
    Integer invalidRetries,
    Integer timeoutRetries,
    String invalidRecording,
    String timeoutRecording,
    String repeatKey,
    Boolean directDial,
    String invalidDestination,
    String timeoutDestination) {}
