package org.convergepbx.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Queue statistics computed from the queue log (pure). A call is <em>offered</em> when it reaches the queue
 * (ENTERQUEUE, or refused at the door: FULL, JOINEMPTY); <em>answered</em> on CONNECT; <em>abandoned</em> when
 * the caller hangs up while waiting. The service level is the share of finished calls (answered, abandoned,
 * timed out, left empty, left by key, refused full or empty) answered within the queue's threshold.
 */
public final class QueueReport {
  private QueueReport() {}

  /** One queue's figures; waits and talk times in seconds. */
  public record QueueRow(
      String queue,
      int offered,
      int answered,
      int abandoned,
      int timedOut,
      int leftEmpty,
      int leftWithKey,
      int full,
      long serviceLevelSeconds,
      int answeredWithinServiceLevel,
      Double serviceLevelPercent,
      Double averageWait,
      int longestWait,
      long talkTime,
      Double averageTalk) {}

  /** One agent's figures over all queues (or the queue asked for); talk times in seconds. */
  public record AgentRow(
      String agent, int answered, int ringNoAnswer, long talkTime, Double averageTalk, int pauses, int logins) {}

  /**
   * Per-queue figures.
   *
   * @param serviceLevel the service-level threshold of a queue
   */
  public static List<QueueRow> queues(List<QueueLogEntry> log, Function<String, Duration> serviceLevel) {
    Map<String, QueueTally> tallies = new TreeMap<>();
    for (QueueLogEntry e : log) {
      tallies.computeIfAbsent(e.queue(), q -> new QueueTally(q, serviceLevel.apply(q).toSeconds())).add(e);
    }
    return tallies.values().stream().map(QueueTally::row).toList();
  }

  /** Per-agent figures. */
  public static List<AgentRow> agents(List<QueueLogEntry> log) {
    Map<String, AgentTally> tallies = new TreeMap<>();
    for (QueueLogEntry e : log) {
      if (e.agent() != null) {
        tallies.computeIfAbsent(e.agent(), AgentTally::new).add(e);
      }
    }
    return tallies.values().stream().map(AgentTally::row).toList();
  }

  private static int seconds(Integer value) {
    return value == null ? 0 : value;
  }

  private static Double average(long total, int count) {
    return count == 0 ? null : Math.round(total * 10.0 / count) / 10.0;
  }

  private static final class QueueTally {
    final String queue;
    final long level;
    int offered;
    int answered;
    int abandoned;
    int timedOut;
    int leftEmpty;
    int leftWithKey;
    int full;
    int withinLevel;
    long answeredWait;
    int longestWait;
    long talk;
    int completed;

    QueueTally(String queue, long level) {
      this.queue = queue;
      this.level = level;
    }

    void add(QueueLogEntry e) {
      int wait = seconds(e.waitSeconds());
      switch (e.event()) {
        case ENTERQUEUE -> offered++;
        case FULL -> { offered++; full++; }
        case JOINEMPTY -> { offered++; leftEmpty++; }
        case CONNECT -> {
          answered++;
          answeredWait += wait;
          if (wait <= level) {
            withinLevel++;
          }
        }
        case ABANDON -> abandoned++;
        case EXITWITHTIMEOUT -> timedOut++;
        case EXITEMPTY -> leftEmpty++;
        case EXITWITHKEY -> leftWithKey++;
        case COMPLETEAGENT, COMPLETECALLER -> {
          completed++;
          talk += seconds(e.talkSeconds());
        }
        default -> { }
      }
      if (e.waitSeconds() != null && e.event() != QueueEvent.COMPLETEAGENT && e.event() != QueueEvent.COMPLETECALLER) {
        longestWait = Math.max(longestWait, wait);
      }
    }

    QueueRow row() {
      int finished = answered + abandoned + timedOut + leftEmpty + leftWithKey + full;
      Double level = finished == 0 ? null : Math.round(withinLevel * 1000.0 / finished) / 10.0;
      return new QueueRow(queue, offered, answered, abandoned, timedOut, leftEmpty, leftWithKey, full, this.level,
          withinLevel, level, average(answeredWait, answered), longestWait, talk, average(talk, completed));
    }
  }

  private static final class AgentTally {
    final String agent;
    int answered;
    int ringNoAnswer;
    long talk;
    int completed;
    int pauses;
    int logins;

    AgentTally(String agent) {
      this.agent = agent;
    }

    void add(QueueLogEntry e) {
      switch (e.event()) {
        case CONNECT -> answered++;
        case RINGNOANSWER -> ringNoAnswer++;
        case COMPLETEAGENT, COMPLETECALLER -> {
          completed++;
          talk += seconds(e.talkSeconds());
        }
        case PAUSE -> pauses++;
        case ADDMEMBER -> logins++;
        default -> { }
      }
    }

    AgentRow row() {
      return new AgentRow(agent, answered, ringNoAnswer, talk, average(talk, completed), pauses, logins);
    }
  }
}
