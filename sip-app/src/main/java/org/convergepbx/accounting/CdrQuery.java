package org.convergepbx.accounting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.convergepbx.common.InvalidInputException;

/**
 * A validated CDR report query: filters, page and order. Built only from known parameter names and typed
 * values, so nothing a client sends ever becomes SQL text.
 *
 * @param from records that started at or after this instant, or null
 * @param to records that started before this instant, or null
 * @param texts filters on src, dst, clid and trunk, by field name
 */
public record CdrQuery(
    Instant from,
    Instant to,
    Map<String, TextFilter> texts,
    Set<Disposition> dispositions,
    Integer minDuration,
    Integer maxDuration,
    Integer minBillsec,
    Integer maxBillsec,
    int page,
    int size,
    String sortField,
    boolean ascending) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;
  /** Deepest page a client may ask for (offsets stay far below overflow). */
  public static final int MAX_PAGE = 100_000;
  /** Text fields that can be filtered, with their default match. */
  static final Map<String, TextMatch> TEXT_FIELDS =
      Map.of("src", TextMatch.EXACT, "dst", TextMatch.EXACT, "clid", TextMatch.CONTAINS, "trunk", TextMatch.EXACT);
  /** Fields a report can be sorted on (entity attribute names). */
  public static final Set<String> SORTABLE =
      Set.of("start", "answer", "end", "duration", "billsec", "src", "dst", "clid", "disposition");
  private static final Set<String> PARAMETERS =
      Set.of(
          "from", "to", "src", "dst", "clid", "trunk", "srcMatch", "dstMatch", "clidMatch", "trunkMatch",
          "disposition", "minDuration", "maxDuration", "minBillsec", "maxBillsec", "page", "size", "sort");

  /**
   * Reads a query from request parameters; any parameter not known (here or in {@code extra}) is refused.
   *
   * @throws InvalidInputException naming the first bad parameter
   */
  public static CdrQuery parse(Map<String, String> params, Set<String> extra) {
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name) && !extra.contains(name)) {
        throw new InvalidInputException(name, "unknown parameter " + name);
      }
    }
    Instant from = instant(params, "from");
    Instant to = instant(params, "to");
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidInputException("to", "to must be after from");
    }
    Integer minDuration = count(params, "minDuration");
    Integer maxDuration = count(params, "maxDuration");
    Integer minBillsec = count(params, "minBillsec");
    Integer maxBillsec = count(params, "maxBillsec");
    requireOrdered("maxDuration", minDuration, maxDuration);
    requireOrdered("maxBillsec", minBillsec, maxBillsec);
    Integer page = count(params, "page");
    Integer size = count(params, "size");
    if (size != null && size == 0) {
      throw new InvalidInputException("size", "size must be at least 1");
    }
    if (page != null && page > MAX_PAGE) {
      throw new InvalidInputException("page", "page must be at most " + MAX_PAGE + "; narrow the filters");
    }
    String[] sort = sort(params.get("sort"));
    return new CdrQuery(
        from, to, texts(params), dispositions(params.get("disposition")), minDuration, maxDuration,
        minBillsec, maxBillsec, page == null ? 0 : page,
        size == null ? DEFAULT_SIZE : Math.min(size, MAX_SIZE), sort[0], "asc".equals(sort[1]));
  }

  /** The same filters and order, on another page of another size (exports walk the pages in batches). */
  public CdrQuery page(int page, int size) {
    return new CdrQuery(
        from, to, texts, dispositions, minDuration, maxDuration, minBillsec, maxBillsec, page, size,
        sortField, ascending);
  }

  private static Map<String, TextFilter> texts(Map<String, String> params) {
    Map<String, TextFilter> texts = new LinkedHashMap<>();
    for (Map.Entry<String, TextMatch> f : TEXT_FIELDS.entrySet()) {
      String value = params.get(f.getKey());
      String matchName = f.getKey() + "Match";
      TextMatch match =
          params.containsKey(matchName) ? TextMatch.parse(matchName, params.get(matchName)) : f.getValue();
      if (value != null && !value.isEmpty()) {
        if (value.length() > 160) {
          throw new InvalidInputException(f.getKey(), f.getKey() + " is too long");
        }
        texts.put(f.getKey(), new TextFilter(value, match));
      }
    }
    return texts;
  }

  private static Set<Disposition> dispositions(String value) {
    Set<Disposition> result = EnumSet.noneOf(Disposition.class);
    if (value == null || value.isBlank()) {
      return result;
    }
    for (String label : value.split(",")) {
      Disposition d = Disposition.ofLabel(label.trim().replace('_', ' '));
      if (d == null) {
        throw new InvalidInputException(
            "disposition", "disposition must be ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION");
      }
      result.add(d);
    }
    return result;
  }

  private static String[] sort(String value) {
    if (value == null || value.isBlank()) {
      return new String[] {"start", "desc"};
    }
    String[] parts = value.split(",");
    String field = parts[0].trim();
    String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
    if (!SORTABLE.contains(field) || parts.length > 2 || !List.of("asc", "desc").contains(direction)) {
      throw new InvalidInputException(
          "sort", "sort must be one of " + SORTABLE + " optionally followed by ,asc or ,desc");
    }
    return new String[] {field, direction};
  }

  /** An ISO instant ({@code 2026-11-01T08:00:00Z}) or a date ({@code 2026-11-01}, midnight UTC). */
  private static Instant instant(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(name, name + " must be a date (2026-11-01) or an instant (2026-11-01T08:00:00Z)");
    }
  }

  private static Integer count(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name, name + " must be a whole number >= 0");
    }
  }

  private static void requireOrdered(String maxName, Integer min, Integer max) {
    if (min != null && max != null && max < min) {
      throw new InvalidInputException(maxName, maxName + " must not be below its minimum");
    }
  }
}
