package org.convergepbx.call;

import java.util.concurrent.ScheduledExecutorService;
import org.convergepbx.voicemail.VoicemailService;

/**
 * What the server needs to answer calls with its own media (voicemail).
 *
 * @param voicemail where messages go
 * @param clock the real-time clock that paces outgoing RTP
 * @param portMin first UDP port for RTP
 * @param portMax last UDP port for RTP
 * @param maxSeconds the longest message
 */
public record MediaSettings(
    VoicemailService voicemail, ScheduledExecutorService clock, int portMin, int portMax, int maxSeconds) {}
