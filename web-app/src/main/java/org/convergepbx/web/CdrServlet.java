package org.convergepbx.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.convergepbx.accounting.CallRecord;
import org.convergepbx.accounting.CallRecordRepository;
import org.convergepbx.accounting.CdrQuery;
import org.convergepbx.accounting.Concurrency;
import org.convergepbx.accounting.SummaryGroup;
import org.convergepbx.accounting.SummaryRow;
import org.convergepbx.common.InvalidInputException;
import org.convergepbx.common.NotFoundException;

/**
 * Call accounting reports: {@code GET /api/v1/cdr} (filtered, paged, sorted records), {@code GET
 * /api/v1/cdr.csv} (the same records in Asterisk's CSV column order), {@code GET /api/v1/cdr/summary} (calls,
 * answered, ASR and billed seconds per group), {@code GET /api/v1/cdr/concurrency} (peak simultaneous calls per
 * step) and {@code GET /api/v1/cdr/{uniqueid}}.
 */
public final class CdrServlet extends ApiServlet {
  private static final long serialVersionUID = 1L;
  /** Asterisk cdr_csv columns, in order (with its uniqueid and userfield options on). */
  static final String[] CSV_COLUMNS = {
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
    "start", "answer", "end", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield"
  };
  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int EXPORT_BATCH = 1000;
  private static final int MAX_INTERVALS = 500_000;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Map<String, String> params = singleParameters(req);
    if (req.getServletPath().endsWith(".csv")) {
      csv(CdrQuery.parse(params, Set.of("header")), !"false".equals(params.get("header")), resp);
      return;
    }
    String sub = pathSegment(req);
    if (sub == null) {
      list(CdrQuery.parse(params, Set.of()), resp);
    } else if (sub.equals("summary")) {
      summary(params, resp);
    } else if (sub.equals("concurrency")) {
      concurrency(params, resp);
    } else {
      CallRecord r =
          records().find(sub).orElseThrow(() -> new NotFoundException("no call record " + sub));
      ApiResponses.json(resp, 200, represent(r));
    }
  }

  private void list(CdrQuery query, HttpServletResponse resp) throws IOException {
    ObjectNode body = ApiResponses.JSON.createObjectNode();
    body.put("total", records().count(query));
    body.put("page", query.page());
    body.put("size", query.size());
    ArrayNode list = body.putArray("records");
    for (CallRecord r : records().search(query)) {
      list.add(represent(r));
    }
    ApiResponses.json(resp, 200, body);
  }

  private void summary(Map<String, String> params, HttpServletResponse resp) throws IOException {
    String groupBy = params.getOrDefault("groupBy", "day");
    SummaryGroup group;
    try {
      group = SummaryGroup.valueOf(groupBy.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "groupBy", "groupBy must be hour, day, week, month, src, dst, trunk or disposition");
    }
    CdrQuery query = CdrQuery.parse(params, Set.of("groupBy"));
    ObjectNode body = ApiResponses.JSON.createObjectNode();
    body.put("groupBy", group.name().toLowerCase(Locale.ROOT));
    ArrayNode rows = body.putArray("rows");
    long calls = 0;
    long answered = 0;
    long billsec = 0;
    for (SummaryRow row : records().summarize(query, group)) {
      ObjectNode n = rows.addObject();
      n.put("key", row.key());
      n.put("calls", row.calls());
      n.put("answered", row.answered());
      n.put("asr", row.asr());
      n.put("totalBillsec", row.totalBillsec());
      n.put("averageBillsec", row.averageBillsec());
      calls += row.calls();
      answered += row.answered();
      billsec += row.totalBillsec();
    }
    SummaryRow total = new SummaryRow("total", calls, answered, billsec);
    ObjectNode t = body.putObject("total");
    t.put("calls", total.calls());
    t.put("answered", total.answered());
    t.put("asr", total.asr());
    t.put("totalBillsec", total.totalBillsec());
    t.put("averageBillsec", total.averageBillsec());
    ApiResponses.json(resp, 200, body);
  }

  /** Peak simultaneous calls per step over [from, to): both required, step minute, hour or day. */
  private void concurrency(Map<String, String> params, HttpServletResponse resp) throws IOException {
    for (String name : params.keySet()) {
      if (!Set.of("from", "to", "step").contains(name)) {
        throw new InvalidInputException(name, "unknown parameter " + name);
      }
    }
    CdrQuery bounds = CdrQuery.parse(withoutStep(params), Set.of());
    if (bounds.from() == null || bounds.to() == null) {
      throw new InvalidInputException(bounds.from() == null ? "from" : "to", "from and to are required");
    }
    Duration step =
        switch (params.getOrDefault("step", "hour")) {
          case "minute" -> Duration.ofMinutes(1);
          case "hour" -> Duration.ofHours(1);
          case "day" -> Duration.ofDays(1);
          default -> throw new InvalidInputException("step", "step must be minute, hour or day");
        };
    List<Concurrency.Step> steps;
    try {
      steps =
          Concurrency.peaks(
              records().intervals(bounds.from(), bounds.to(), MAX_INTERVALS), bounds.from(), bounds.to(), step);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("step", "at most " + Concurrency.MAX_STEPS + " steps: widen the step");
    }
    ArrayNode body = ApiResponses.JSON.createArrayNode();
    for (Concurrency.Step s : steps) {
      body.addObject().put("start", s.start().toString()).put("peak", s.peak());
    }
    ApiResponses.json(resp, 200, body);
  }

  private static Map<String, String> withoutStep(Map<String, String> params) {
    Map<String, String> copy = new java.util.HashMap<>(params);
    copy.remove("step");
    return copy;
  }

  private void csv(CdrQuery query, boolean header, HttpServletResponse resp) throws IOException {
    resp.setStatus(200);
    resp.setContentType("text/csv");
    resp.setCharacterEncoding("UTF-8");
    resp.setHeader("Content-Disposition", "attachment; filename=\"Master.csv\"");
    CSVFormat format =
        header ? CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).build() : CSVFormat.DEFAULT;
    Writer out = resp.getWriter();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      List<CallRecord> batch;
      int n = 0;
      do {
        batch = records().search(query.page(n++, EXPORT_BATCH));
        for (CallRecord r : batch) {
          printer.printRecord(
              r.accountcode(), r.src(), r.dst(), r.dcontext(), r.clid(), r.channel(), r.dstchannel(),
              r.lastapp(), r.lastdata(), csvTime(r.start()), csvTime(r.answer()), csvTime(r.end()),
              r.duration(), r.billsec(), r.disposition() == null ? "" : r.disposition(), r.amaflags(),
              r.uniqueid(), r.userfield());
        }
      } while (batch.size() == EXPORT_BATCH);
    }
  }

  private static String csvTime(Instant t) {
    return t == null ? "" : CSV_TIME.format(t);
  }

  private CallRecordRepository records() {
    return app.accounting().records();
  }

  static ObjectNode represent(CallRecord r) {
    ObjectNode n = ApiResponses.JSON.createObjectNode();
    n.put("uniqueid", r.uniqueid());
    n.put("linkedid", r.linkedid());
    n.put("accountcode", r.accountcode());
    n.put("src", r.src());
    n.put("dst", r.dst());
    n.put("dcontext", r.dcontext());
    n.put("clid", r.clid());
    n.put("channel", r.channel());
    n.put("dstchannel", r.dstchannel());
    n.put("lastapp", r.lastapp());
    n.put("lastdata", r.lastdata());
    n.put("start", r.start().toString());
    n.put("answer", r.answer() == null ? null : r.answer().toString());
    n.put("end", r.end() == null ? null : r.end().toString());
    n.put("duration", r.duration());
    n.put("billsec", r.billsec());
    n.put("disposition", r.disposition());
    n.put("amaflags", r.amaflags());
    n.put("userfield", r.userfield());
    n.put("callId", r.callId());
    if (r.sipCode() != null) {
      n.put("sipCode", r.sipCode());
    } else {
      n.putNull("sipCode");
    }
    n.put("sipReason", r.sipReason());
    n.put("fromUri", r.fromUri());
    n.put("toUri", r.toUri());
    n.put("source", r.source());
    n.put("trunk", r.trunk());
    n.put("site", r.site());
    n.put("state", r.state());
    n.put("reconciled", r.reconciled());
    return n;
  }
}
