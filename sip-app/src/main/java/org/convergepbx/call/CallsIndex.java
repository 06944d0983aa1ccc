package org.convergepbx.call;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Index from Call-ID to the id of the call's {@code SipApplicationSession}. The call's state lives in the
 * session itself ({@link CallState}). An entry is dropped when the call fails or ends; readers also drop
 * entries whose session is gone.
 */
public final class CallsIndex {
  private final Map<String, String> sessionIdByCallId = new ConcurrentHashMap<>();

  public void put(String callId, String applicationSessionId) {
    sessionIdByCallId.put(callId, applicationSessionId);
  }

  public void remove(String callId) {
    sessionIdByCallId.remove(callId);
  }

  /** The application-session id of the live call with this Call-ID, or null. */
  public String sessionOf(String callId) {
    return sessionIdByCallId.get(callId);
  }

  /** A snapshot of Call-ID to application-session id. */
  public Map<String, String> snapshot() {
    return Map.copyOf(sessionIdByCallId);
  }
}
