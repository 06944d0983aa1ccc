package org.convergepbx.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueReportTest {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

  private static QueueLogEntry e(String call, String agent, QueueEvent event) {
    return new QueueLogEntry(T, call, "400", agent, event);
  }

  @Test
  void countsOfferedAnsweredAbandonedServiceLevelWaitsAndTalk() {
    List<QueueLogEntry> log = List.of(
        e("a", null, QueueEvent.ENTERQUEUE).withPosition(1),
        e("a", "2001", QueueEvent.RINGNOANSWER),
        e("a", "2002", QueueEvent.CONNECT).withWait(10),
        e("a", "2002", QueueEvent.COMPLETECALLER).withWait(10).withTalk(100),
        e("b", null, QueueEvent.ENTERQUEUE).withPosition(1),
        e("b", "2001", QueueEvent.CONNECT).withWait(30),
        e("b", "2001", QueueEvent.COMPLETEAGENT).withWait(30).withTalk(50),
        e("c", null, QueueEvent.ENTERQUEUE).withPosition(1),
        e("c", null, QueueEvent.ABANDON).withPosition(1).withWait(45),
        e("d", null, QueueEvent.ENTERQUEUE).withPosition(1),
        e("d", null, QueueEvent.EXITWITHTIMEOUT).withPosition(1).withWait(60),
        e("NONE", "2003", QueueEvent.ADDMEMBER),
        e("NONE", "2003", QueueEvent.PAUSE));
    QueueReport.QueueRow row = QueueReport.queues(log, q -> Duration.ofSeconds(20)).get(0);
    assertEquals(new QueueReport.QueueRow("400", 4, 2, 1, 1, 0, 0, 0, 20, 1, 25.0, 20.0, 60, 150, 75.0), row);
    assertEquals(
        List.of(
            new QueueReport.AgentRow("2001", 1, 1, 50, 50.0, 0, 0),
            new QueueReport.AgentRow("2002", 1, 0, 100, 100.0, 0, 0),
            new QueueReport.AgentRow("2003", 0, 0, 0, null, 1, 1)),
        QueueReport.agents(log));
  }
}
