package org.convergepbx.call;

import java.util.concurrent.ScheduledExecutorService;
import org.convergepbx.ivr.IvrService;
import org.convergepbx.recording.RecordingService;
import org.convergepbx.voicemail.VoicemailService;

/**
 * What the server needs to answer calls with its own media (voicemail, IVR menus, queues).
 *
 * @param ivrs the IVR menus
 * @param recordings the system recordings menus play
 * @param directDial whether a number is an extension's, and whether a longer one begins with it (direct dial)
 * @param voicemail where messages go
 * @param clock the real-time clock that paces outgoing RTP
 * @param portMin first UDP port for RTP
 * @param portMax last UDP port for RTP
 * @param maxSeconds the longest message
 * @param queues the call queues
 */
public record MediaSettings(
    VoicemailService voicemail,
    ScheduledExecutorService clock,
    int portMin,
    int portMax,
    int maxSeconds,
    IvrService ivrs,
    RecordingService recordings,
    DirectDial directDial,
    QueueSupport queues) {

  /** The extension numbers an IVR caller may dial directly. */
  public interface DirectDial {
    boolean isExtension(String number);

    boolean longerNumberBegins(String prefix);
  }
}
