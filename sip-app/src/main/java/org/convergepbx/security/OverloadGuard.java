package org.convergepbx.security;

import java.time.Clock;
import java.util.Optional;

/**
 * Whether this node takes new work: above any threshold (heap in use after the last collection, this process's
 * CPU averaged over the last {@value #CPU_SAMPLES} seconds, SIP requests being handled at once) it is overloaded
 * until every measure is back below nine tenths of its threshold (hysteresis, so it does not flap). An operator
 * can also drain the node (the same refusal, on purpose, e.g. before an upgrade). Overload only ever refuses
 * new INVITEs and REGISTERs; the caller of {@link #refusal()} never asks for requests within a dialog.
 */
public final class OverloadGuard {
  /** The measures of load. */
  public interface Load {
    /** Percent of the maximum heap in use after the most recent garbage collection. */
    double heapPercent();

    /** Percent of the machine's CPU this process used since the last call. */
    double cpuPercent();
  }

  /** The thresholds; 0 turns a measure off. */
  public record Thresholds(int heapPercent, int cpuPercent, int pending, int retryAfterSeconds) {}

  /** What the guard saw at its last look. */
  public record Status(
      boolean overloaded, boolean draining, String reason, double heapPercent, double cpuPercent, int pending,
      Thresholds thresholds) {}

  static final int CPU_SAMPLES = 10;
  private static final long SAMPLE_MILLIS = 1000;

  private final Load load;
  private final Thresholds thresholds;
  private final Clock clock;
  private final double[] cpu = new double[CPU_SAMPLES];
  private int cpuIndex;
  private int cpuCount;
  private long nextSample;
  private double heap;
  private volatile int pending;
  private volatile boolean overloaded;
  private volatile boolean draining;
  private volatile String reason = "";

  public OverloadGuard(Load load, Thresholds thresholds, Clock clock) {
    this.load = load;
    this.thresholds = thresholds;
    this.clock = clock;
  }

  /** Seconds a refused client should wait (the Retry-After of the 503). */
  public int retryAfterSeconds() {
    return thresholds.retryAfterSeconds();
  }

  /** The SIP requests being handled right now (counted by the servlet). */
  public void pending(int requests) {
    this.pending = requests;
  }

  /** Drains the node (true) or takes it back into service (false). */
  public void drain(boolean on) {
    this.draining = on;
  }

  /** Why a new INVITE or REGISTER is refused now (the node drains or is overloaded), or empty: take it. */
  public synchronized Optional<String> refusal() {
    decide();
    if (draining) {
      return Optional.of("draining");
    }
    return overloaded ? Optional.of(reason) : Optional.empty();
  }

  public synchronized Status status() {
    decide();
    return new Status(overloaded, draining, overloaded ? reason : "", heap, averageCpu(), pending, thresholds);
  }

  /** Takes one sample of the load; called once a second (a second call within the second is ignored). */
  public synchronized void sample() {
    long now = clock.millis();
    if (now < nextSample) {
      return;
    }
    nextSample = now + SAMPLE_MILLIS - SAMPLE_MILLIS / 10;
    heap = load.heapPercent();
    cpu[cpuIndex] = load.cpuPercent();
    cpuIndex = (cpuIndex + 1) % CPU_SAMPLES;
    cpuCount = Math.min(cpuCount + 1, CPU_SAMPLES);
    decide();
  }

  private void decide() {
    double avgCpu = averageCpu();
    if (!overloaded) {
      Optional<String> over = above(1.0, avgCpu);
      over.ifPresent(r -> reason = r);
      overloaded = over.isPresent();
    } else if (above(0.9, avgCpu).isEmpty()) {
      overloaded = false;
    }
  }

  private Optional<String> above(double share, double avgCpu) {
    if (thresholds.heapPercent() > 0 && heap >= thresholds.heapPercent() * share) {
      return Optional.of(String.format("heap %.0f%% in use", heap));
    }
    if (thresholds.cpuPercent() > 0 && cpuCount == CPU_SAMPLES && avgCpu >= thresholds.cpuPercent() * share) {
      return Optional.of(String.format("CPU %.0f%%", avgCpu));
    }
    if (thresholds.pending() > 0 && pending >= thresholds.pending() * share) {
      return Optional.of(pending + " requests in progress");
    }
    return Optional.empty();
  }

  private double averageCpu() {
    if (cpuCount == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < cpuCount; i++) {
      sum += cpu[i];
    }
    return sum / cpuCount;
  }
}
