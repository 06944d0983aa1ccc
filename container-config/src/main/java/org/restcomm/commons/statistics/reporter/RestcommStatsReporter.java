package org.restcomm.commons.statistics.reporter;

import com.codahale.metrics.MetricRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for Restcomm's statistics reporter, which the container starts unconditionally and which sends
 * usage data to a hard-coded address. This product never sends data anywhere its operator did not configure:
 * the real artifact is excluded from the build and this class keeps the container's calls harmless. Metrics
 * the container records stay in a local registry.
 */
public class RestcommStatsReporter {
  private static final RestcommStatsReporter INSTANCE = new RestcommStatsReporter();
  private static final MetricRegistry METRICS = new MetricRegistry();

  public static RestcommStatsReporter getRestcommStatsReporter() {
    return INSTANCE;
  }

  public static MetricRegistry getMetricRegistry() {
    return METRICS;
  }

  /** Does nothing: no report is ever scheduled. */
  public void start(long period, TimeUnit unit) {
    // intentionally empty: reporting is disabled
  }

  /** Does nothing: nothing was started, nothing is sent. */
  public void stop() {
    // intentionally empty: reporting is disabled
  }

  public void setRemoteServer(String remoteServer) {
    // ignored: there is no remote server
  }

  public void setProjectName(String projectName) {
    // ignored
  }

  public void setProjectType(String projectType) {
    // ignored
  }

  public void setVersion(String version) {
    // ignored
  }
}
