package org.convergepbx.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Records a phone's audio: packets of the negotiated codec pass a {@link JitterBuffer} (late and reordered
 * packets put back in place, lost ones replaced by silence), are decoded to 16-bit PCM and kept until
 * {@link #finish} writes a WAV file (8 kHz mono 16-bit). Packets of other payload types (DTMF) are ignored.
 * Fed by one receiving thread; {@link #finish} may be called from another.
 */
public final class Recorder {
  private final G711 codec;
  private final JitterBuffer jitter;
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
  private final int maxBytes;

  /** @param maxSeconds the longest recording kept; audio after that is dropped */
  public Recorder(G711 codec, int maxSeconds) {
    this.codec = codec;
    this.maxBytes = maxSeconds * 16000;
    byte silence = codec == G711.PCMU ? (byte) 0xFF : (byte) 0xD5;
    this.jitter = new JitterBuffer(3, Player.SAMPLES_PER_PACKET, silence, this::append);
  }

  public synchronized void accept(RtpPacket packet) {
    if (packet.payloadType() == codec.payloadType()) {
      jitter.accept(packet);
    }
  }

  /** Seconds recorded so far. */
  public synchronized double seconds() {
    return pcm.size() / 16000.0;
  }

  /** Writes the recording as a WAV file; returns its length in seconds. */
  public synchronized double finish(Path wav) throws IOException {
    jitter.flush();
    byte[] data = pcm.toByteArray();
    try (AudioInputStream in =
        new AudioInputStream(new ByteArrayInputStream(data), G711.LINEAR, data.length / 2)) {
      AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
    }
    return data.length / 16000.0;
  }

  /** Packets replaced by silence. */
  public synchronized long lostPackets() {
    return jitter.lost();
  }

  private void append(byte[] frame) {
    if (pcm.size() < maxBytes) {
      byte[] linear = codec.decode(frame);
      pcm.write(linear, 0, Math.min(linear.length, maxBytes - pcm.size()));
    }
  }
}
