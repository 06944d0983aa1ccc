package org.convergepbx.media;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The server's audio with one phone, in the shape of a JSR 309 media session: a {@link Player}, a key
 * (signal) detector and the incoming audio for a {@link Recorder}, over one {@link RtpEndpoint}. It is bound
 * before the SDP exchange (its port goes into the server's SDP) and connected once the phone's SDP is known.
 * Keys come from RFC 4733 events on the RTP thread, or from SIP INFO through {@link #key(char)}.
 */
public final class MediaChannel implements AutoCloseable {
  private final RtpEndpoint rtp;
  private final ScheduledExecutorService clock;
  private volatile Consumer<Character> keys = k -> {};
  private volatile Consumer<RtpPacket> audio = p -> {};
  private Player player;
  private G711 codec;

  private MediaChannel(RtpEndpoint rtp, ScheduledExecutorService clock) {
    this.rtp = rtp;
    this.clock = clock;
  }

  /**
   * Binds a free RTP port of [first, last] on host.
   *
   * @throws java.io.UncheckedIOException if no port is free
   */
  public static MediaChannel open(String host, int first, int last, ScheduledExecutorService clock) {
    return new MediaChannel(RtpEndpoint.bind(host, first, last), clock);
  }

  public int port() {
    return rtp.port();
  }

  /**
   * Starts exchanging audio with the phone's side of the SDP exchange (its offer or its answer).
   *
   * @throws IllegalArgumentException if the phone takes no G.711 audio
   */
  public synchronized void connect(AudioOffer phone) {
    G711 chosen = phone.codec().orElseThrow(() -> new IllegalArgumentException("no G.711 audio in the SDP"));
    if (phone.port() == 0) {
      throw new IllegalArgumentException("the audio stream is declined (port 0)");
    }
    codec = chosen;
    player = new Player(rtp::send, chosen, clock);
    DtmfDetector detector = new DtmfDetector(phone.telephoneEvent(), this::key);
    rtp.onPacket(
        p -> {
          detector.accept(p);
          audio.accept(p);
        });
    rtp.connect(new InetSocketAddress(phone.address(), phone.port()));
  }

  /** The codec chosen by {@link #connect}. */
  public synchronized G711 codec() {
    return codec;
  }

  /** Plays PCM (8 kHz 16-bit mono), replacing what was playing; see {@link Player#play}. */
  public synchronized CompletableFuture<Void> play(byte[] pcm) {
    if (player == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
    }
    return player.play(pcm);
  }

  public synchronized void stopPlaying() {
    if (player != null) {
      player.stop();
    }
  }

  /** Where pressed keys go (on the RTP or SIP thread). */
  public void onKey(Consumer<Character> listener) {
    keys = listener;
  }

  /** Where the phone's audio packets go (on the RTP thread), for recording. */
  public void onAudio(Consumer<RtpPacket> listener) {
    audio = listener;
  }

  /** A key pressed, from RTP or from a SIP INFO. */
  public void key(char key) {
    keys.accept(key);
  }

  /** The scheduler of the real-time clock, for timeouts between prompts. */
  public ScheduledExecutorService clock() {
    return clock;
  }

  @Override
  public void close() {
    stopPlaying();
    rtp.close();
  }
}
