package org.convergepbx.bench.cdrgen;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes realistic call detail records into the {@code cdr} table of an embedded Derby database created by the
 * server (Flyway), with JDBC batches, while the server is stopped (embedded Derby is single-process).
 *
 * <p>Every column is filled as the application fills it ({@code CallRecord}, {@code CallStarts},
 * {@code CallHandler}, {@code CallAccounting}): start buckets (hour, day, ISO week Monday, month, in UTC),
 * {@code duration = end - start} and {@code billsec = end - answer} in whole seconds, Asterisk dispositions
 * derived from the final SIP status, channels, clid, lastdata, URIs. The data shape (deterministic for a seed):
 * starts spread over whole calendar months with a business-hours and weekday profile, inserted in start order
 * (as a live PBX writes them); callers and callees drawn from {@code -extensions} extensions with a skewed
 * (Zipf-like) popularity; ~7 % of calls to numbers that do not exist (404) or to extensions not registered (480);
 * of the calls that ring: ~70 % answered (ring 2-20 s, talk log-normal, median 90 s), ~18 % no answer (cancelled
 * by the caller or 60 s ring timeout), ~8 % busy, ~2 % congestion, ~2 % failed; a few records answered and later
 * reconciled after a crash; the latest {@code -open} records are still OPEN (calls in progress).
 *
 * <p>Times are written as the server writes them: {@code Timestamp.from(instant)} with the JVM's zone set to UTC
 * (the launcher does the same), dates with {@code java.sql.Date.valueOf}.
 *
 * <p>Writes {@code -manifest} (key=value) with the counts a report over each month must show.
 */
public final class CdrGen {
  private static final String DOMAIN = "pbx.test";
  private static final int RING_TIMEOUT = 60;
  private static final String INSERT =
      "INSERT INTO cdr (uniqueid, linkedid, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,"
          + " lastdata, start_time, answer_time, end_time, duration, billsec, disposition, amaflags, userfield,"
          + " call_id, sip_code, sip_reason, from_uri, to_uri, source, trunk, site, state, reconciled, last_seen,"
          + " start_hour, start_day, start_week, start_month)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** Relative call volume per hour of the day (UTC): office hours with a lunch dip. */
  private static final double[] HOUR_WEIGHT = {
    0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.5, 4, 9, 12, 12, 11, 7, 9, 11, 11, 10, 7, 4, 2.5, 1.8, 1.3, 0.9, 0.5
  };

  private final Map<String, String> opts;
  private final SplittableRandom rnd;
  private final String[] extensions;
  private final double[] extensionCdf;
  private final String[] extensionSource;

  // what the data holds, for the manifest
  private final Map<String, long[]> perMonth = new TreeMap<>(); // month -> {rows, closed, answered, billsec}
  private final Map<String, Long> perDisposition = new TreeMap<>();
  private final Map<String, Long> perSrcLastMonth = new HashMap<>();
  private String lastMonth = "";

  private CdrGen(Map<String, String> opts) {
    this.opts = opts;
    this.rnd = new SplittableRandom(Long.parseLong(opt("seed", "20261122")));
    int n = Integer.parseInt(opt("extensions", "600"));
    int first = Integer.parseInt(opt("first-extension", "1000"));
    extensions = new String[n];
    extensionSource = new String[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      extensions[i] = String.valueOf(first + i);
      extensionSource[i] = "10.20." + (i / 250) + "." + (i % 250 + 2) + ":5060/udp";
      w[i] = 1.0 / Math.pow(i + 8, 0.9);
    }
    shuffle(w); // heavy callers are not simply the lowest numbers
    extensionCdf = cdf(w);
  }

  public static void main(String[] args) throws Exception {
    TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // as the server's launcher
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("-") || i + 1 == args.length) {
        usage("bad argument " + args[i]);
      }
      opts.put(args[i].substring(1), args[++i]);
    }
    if (!opts.containsKey("db")) {
      usage("-db is required");
    }
    new CdrGen(opts).run();
  }

  private static void usage(String why) {
    System.err.println(
        "cdr-gen: " + why + "\n"
            + "usage: java -jar cdr-gen.jar -db DERBY_DIR [-rows 1000000] [-first-month 2026-09] [-months 3]\n"
            + "       [-extensions 600] [-first-extension 1000] [-seed 20261122] [-batch 5000] [-open 12]\n"
            + "       [-statistics true] [-manifest FILE]");
    System.exit(2);
  }

  private String opt(String name, String def) {
    return opts.getOrDefault(name, def);
  }

  private void run() throws SQLException, IOException {
    int rows = Integer.parseInt(opt("rows", "1000000"));
    YearMonth firstMonth = YearMonth.parse(opt("first-month", "2026-09"));
    int months = Integer.parseInt(opt("months", "3"));
    int batch = Integer.parseInt(opt("batch", "5000"));
    int open = Integer.parseInt(opt("open", "12"));
    LocalDate firstDay = firstMonth.atDay(1);
    LocalDate endDay = firstMonth.plusMonths(months).atDay(1);

    long t0 = System.nanoTime();
    long[] starts = starts(rows, firstDay, endDay);
    log("drew %d start times from %s to %s (%.1f s)", rows, firstDay, endDay.minusDays(1), secs(t0));

    String url = "jdbc:derby:" + opts.get("db");
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT COUNT(*) FROM cdr")) {
        rs.next();
        if (rs.getLong(1) != 0) {
          throw new IllegalStateException("the cdr table already has " + rs.getLong(1) + " rows");
        }
      }
      long t1 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (int i = 0; i < rows; i++) {
          bind(ps, Instant.ofEpochMilli(starts[i]), i >= rows - open);
          ps.addBatch();
          if ((i + 1) % batch == 0 || i + 1 == rows) {
            ps.executeBatch();
            c.commit();
          }
          if ((i + 1) % 100_000 == 0) {
            log("inserted %d rows, %.0f rows/s", i + 1, (i + 1) / secs(t1));
          }
        }
      }
      log("inserted %d rows in %.1f s (%.0f rows/s)", rows, secs(t1), rows / secs(t1));
      if (Boolean.parseBoolean(opt("statistics", "true"))) {
        long t2 = System.nanoTime();
        try (var cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(CURRENT SCHEMA, 'CDR', NULL)")) {
          cs.execute();
        }
        c.commit();
        log("index statistics of CDR updated (%.1f s)", secs(t2));
      }
    } finally {
      shutdown(url);
    }
    if (opts.containsKey("manifest")) {
      writeManifest(Path.of(opts.get("manifest")), rows, firstDay, endDay, open);
    }
  }

  /** Start instants (epoch ms), sorted: a day drawn by weekday weight, an hour by the office profile. */
  private long[] starts(int rows, LocalDate firstDay, LocalDate endDay) {
    int days = (int) ChronoUnit.DAYS.between(firstDay, endDay);
    double[] dw = new double[days];
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = firstDay.plusDays(d).getDayOfWeek();
      dw[d] = dow == DayOfWeek.SATURDAY ? 0.25 : dow == DayOfWeek.SUNDAY ? 0.12 : 1.0;
    }
    double[] dayCdf = cdf(dw);
    double[] hourCdf = cdf(HOUR_WEIGHT.clone());
    long base = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    long[] starts = new long[rows];
    for (int i = 0; i < rows; i++) {
      int d = pick(dayCdf);
      int h = pick(hourCdf);
      starts[i] = base + d * 86_400_000L + h * 3_600_000L + rnd.nextLong(3_600_000L);
    }
    Arrays.sort(starts);
    return starts;
  }

  private void bind(PreparedStatement ps, Instant start, boolean stillOpen) throws SQLException {
    String uniqueid = new UUID((rnd.nextLong() & ~0xF000L) | 0x4000L, (rnd.nextLong() & ~(3L << 62)) | (1L << 63))
        .toString();
    int srcIdx = pick(extensionCdf);
    String src = extensions[srcIdx];
    String dst;
    boolean knownDst = rnd.nextDouble() >= 0.04 || stillOpen;
    if (knownDst) {
      int d;
      do {
        d = pick(extensionCdf);
      } while (d == srcIdx);
      dst = extensions[d];
    } else {
      dst = String.valueOf(2000 + rnd.nextInt(8000)); // no such extension
    }
    // outcome, as CallHandler / CallAccounting / CallRecord.close write it
    Instant answer = null;
    Instant end;
    Integer sipCode;
    String sipReason;
    String disposition;
    String dstchannel;
    short reconciled = 0;
    double u = rnd.nextDouble();
    if (!knownDst || (u < 0.03 && !stillOpen)) { // refused before anything rang: closed at start, dstchannel empty
      end = start;
      sipCode = knownDst ? 480 : 404;
      sipReason = knownDst ? "Temporarily Unavailable" : "Not Found";
      disposition = knownDst ? "NO ANSWER" : "FAILED";
      dstchannel = "";
    } else {
      dstchannel = "SIP/" + dst;
      double v = rnd.nextDouble();
      if (v < 0.70) {
        answer = start.plusMillis(2_000 + rnd.nextLong(18_000));
        double talk = Math.exp(Math.log(90) + 1.1 * gaussian());
        end = answer.plusMillis(Math.min((long) (talk * 1000), 4 * 3_600_000L));
        sipCode = 200;
        sipReason = "OK";
        disposition = "ANSWERED";
        dstchannel = "SIP/" + dst + "-" + uniqueid.substring(0, 8);
        if (rnd.nextDouble() < 0.0005) { // closed at the next start after a crash, from last_seen
          reconciled = 1;
        }
      } else if (v < 0.88) {
        if (rnd.nextDouble() < 0.65) {
          end = start.plusMillis(3_000 + rnd.nextLong(40_000));
          sipCode = 487;
          sipReason = "Request Terminated";
        } else {
          end = start.plusSeconds(RING_TIMEOUT).plusMillis(rnd.nextLong(200));
          sipCode = 408;
          sipReason = "Request Timeout";
        }
        disposition = "NO ANSWER";
      } else if (v < 0.96) {
        end = start.plusMillis(200 + rnd.nextLong(3_000));
        sipCode = 486;
        sipReason = "Busy Here";
        disposition = "BUSY";
      } else if (v < 0.98) {
        end = start.plusMillis(rnd.nextLong(1_500));
        sipCode = 503;
        sipReason = "Service Unavailable";
        disposition = "CONGESTION";
      } else {
        end = start.plusMillis(rnd.nextLong(2_000));
        sipCode = rnd.nextBoolean() ? 500 : 403;
        sipReason = sipCode == 500 ? "Server Internal Error" : "Forbidden";
        disposition = "FAILED";
      }
    }
    if (stillOpen) { // a call in progress: only the opening write happened (plus the answer, maybe)
      end = null;
      disposition = null;
      if (answer == null) {
        sipCode = null;
        sipReason = null;
      }
      reconciled = 0;
    }
    int duration = end == null ? 0 : (int) Duration.between(start, end).toSeconds();
    int billsec = end == null || answer == null ? 0 : (int) Duration.between(answer, end).toSeconds();
    Instant lastSeen = end == null ? (answer == null ? start : answer) : end;
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate month = day.withDayOfMonth(1);

    int k = 1;
    ps.setString(k++, uniqueid);
    ps.setString(k++, uniqueid); // linkedid
    ps.setString(k++, ""); // accountcode
    ps.setString(k++, src);
    ps.setString(k++, dst);
    ps.setString(k++, "from-internal");
    ps.setString(k++, "\"User " + src + "\" <" + src + ">");
    ps.setString(k++, "SIP/" + src + "-" + uniqueid.substring(0, 8));
    ps.setString(k++, dstchannel);
    ps.setString(k++, "Dial");
    ps.setString(k++, "SIP/" + dst + "," + RING_TIMEOUT);
    ps.setTimestamp(k++, Timestamp.from(start));
    ps.setTimestamp(k++, answer == null ? null : Timestamp.from(answer));
    ps.setTimestamp(k++, end == null ? null : Timestamp.from(end));
    ps.setInt(k++, duration);
    ps.setInt(k++, billsec);
    setString(ps, k++, disposition);
    ps.setString(k++, "DOCUMENTATION");
    ps.setString(k++, "");
    ps.setString(k++, hex32());
    if (sipCode == null) {
      ps.setNull(k++, Types.INTEGER);
    } else {
      ps.setInt(k++, sipCode);
    }
    setString(ps, k++, sipReason);
    ps.setString(k++, "sip:" + src + "@" + DOMAIN);
    ps.setString(k++, "sip:" + dst + "@" + DOMAIN);
    ps.setString(k++, extensionSource[srcIdx]);
    ps.setNull(k++, Types.VARCHAR); // trunk: not implemented, always null
    ps.setNull(k++, Types.VARCHAR); // site: not used, always null
    ps.setString(k++, stillOpen ? "OPEN" : "CLOSED");
    ps.setShort(k++, reconciled);
    ps.setTimestamp(k++, Timestamp.from(lastSeen));
    ps.setTimestamp(k++, Timestamp.from(start.truncatedTo(ChronoUnit.HOURS)));
    ps.setDate(k++, java.sql.Date.valueOf(day));
    ps.setDate(k++, java.sql.Date.valueOf(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))));
    ps.setDate(k++, java.sql.Date.valueOf(month));

    String monthKey = month.toString().substring(0, 7);
    if (!monthKey.equals(lastMonth)) { // rows come in start order: a new month begins
      lastMonth = monthKey;
      perSrcLastMonth.clear();
    }
    perSrcLastMonth.merge(src, 1L, Long::sum);
    long[] m = perMonth.computeIfAbsent(monthKey, x -> new long[4]);
    m[0]++;
    if (!stillOpen) {
      m[1]++;
      if ("ANSWERED".equals(disposition)) {
        m[2]++;
      }
      m[3] += billsec;
      perDisposition.merge(disposition, 1L, Long::sum);
    }
  }

  private void writeManifest(Path file, int rows, LocalDate firstDay, LocalDate endDay, int open)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      w.printf("rows=%d%nfirst_day=%s%nend_day=%s%nopen=%d%nextensions=%d%nseed=%s%n", rows, firstDay, endDay, open,
          extensions.length, opt("seed", "20261122"));
      for (var e : perMonth.entrySet()) {
        long[] m = e.getValue();
        w.printf("month.%s.rows=%d%nmonth.%s.closed=%d%nmonth.%s.answered=%d%nmonth.%s.billsec=%d%n",
            e.getKey(), m[0], e.getKey(), m[1], e.getKey(), m[2], e.getKey(), m[3]);
      }
      var busiest = perSrcLastMonth.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
      w.printf("last_month.busiest_src=%s%nlast_month.busiest_src.rows=%d%n", busiest.getKey(), busiest.getValue());
      for (var e : perDisposition.entrySet()) {
        w.printf("disposition.%s=%d%n", e.getKey().replace(' ', '_'), e.getValue());
      }
    }
    log("manifest %s", file);
  }

  private static void setString(PreparedStatement ps, int k, String v) throws SQLException {
    if (v == null) {
      ps.setNull(k, Types.VARCHAR);
    } else {
      ps.setString(k, v);
    }
  }

  private String hex32() {
    return String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
  }

  private double gaussian() { // Box-Muller on the seeded generator
    double a = 1.0 - rnd.nextDouble();
    double b = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
  }

  private void shuffle(double[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static double[] cdf(double[] w) {
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    double acc = 0;
    double[] c = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      acc += w[i] / sum;
      c[i] = acc;
    }
    c[w.length - 1] = 1.0;
    return c;
  }

  private int pick(double[] cdf) {
    int i = Arrays.binarySearch(cdf, rnd.nextDouble());
    return i >= 0 ? i : Math.min(-i - 1, cdf.length - 1);
  }

  private static void shutdown(String url) {
    try {
      DriverManager.getConnection(url + ";shutdown=true").close();
    } catch (SQLException expected) {
      if (!"08006".equals(expected.getSQLState())) {
        log("Derby shutdown: %s", expected.getMessage());
      }
    }
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void log(String fmt, Object... args) {
    System.err.printf("%s [cdr-gen] %s%n", java.time.LocalTime.now().withNano(0), String.format(fmt, args));
  }
}
