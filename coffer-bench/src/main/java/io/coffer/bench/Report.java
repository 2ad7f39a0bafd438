package io.coffer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The result of one run: labelled rows, printed as a table or as one JSON object. */
final class Report {
  static final String MIB_S = "MiB/s";
  static final String REQ_S = "req/s";
  static final String MS = "ms";

  /** One measured figure; {@code higherIsBetter} is false for latencies. */
  record Row(String name, double value, String unit, boolean higherIsBetter) {}

  private final String label;
  private final String url;
  private final String repository;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();

  Report(String label, String url, String repository) {
    this.label = label;
    this.url = url;
    this.repository = repository;
  }

  Report parameter(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return rows;
  }

  String text() {
    StringBuilder out = new StringBuilder();
    out.append(label).append(" (").append(url).append(", repository ").append(repository).append(")\n");
    out.append("  parameters: ");
    parameters.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
    out.append('\n');
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "  %-22s %12s %s%n", row.name(), number(row.value()), row.unit()));
    }
    return out.toString();
  }

  ObjectNode json() {
    ObjectNode root = Json.object();
    root.put("label", label);
    root.put("url", url);
    root.put("repository", repository);
    root.set("parameters", Json.MAPPER.valueToTree(parameters));
    ArrayNode array = root.putArray("rows");
    for (Row row : rows) {
      array.addObject()
          .put("name", row.name())
          .put("value", row.value())
          .put("unit", row.unit())
          .put("better", row.higherIsBetter() ? "higher" : "lower");
    }
    return root;
  }

  /**
   * The ratio table of two sets of JSON reports (several rounds of the same measurement): per row
   * present on both sides, the median of each side and candidate / base. For "higher is better"
   * rows a ratio above 1 means the candidate is faster; for latency rows, below 1.
   *
   * <p>With as many rounds on both sides, taken in turns, round i of one side ran next to round
   * i of the other, so the ratio is the median of the rounds' own ratios: a round when the whole
   * machine ran faster or slower then weighs on both sides alike.
   */
  static String compare(List<JsonNode> bases, List<JsonNode> candidates) {
    String b = bases.get(0).path("label").asText("base");
    String c = candidates.get(0).path("label").asText("candidate");
    String ratioHeader = c + "/" + b;
    String format = "%-22s %18s %18s %" + Math.max(8, ratioHeader.length()) + "s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, format, "row", b, c, ratioHeader, "reading"));
    for (JsonNode row : candidates.get(0).path("rows")) {
      String name = row.path("name").asText();
      double[] base = values(bases, name);
      double[] candidate = values(candidates, name);
      if (base.length == 0 || candidate.length == 0) {
        continue;
      }
      String unit = row.path("unit").asText();
      double baseValue = median(base);
      double candidateValue = median(candidate);
      boolean paired = base.length == bases.size() && candidate.length == candidates.size()
          && bases.size() == candidates.size();
      double ratio = paired ? median(ratios(candidate, base)) : candidateValue / baseValue;
      boolean higher = !"lower".equals(row.path("better").asText());
      boolean candidateBetter = higher ? ratio > 1 : ratio < 1;
      out.append(String.format(Locale.ROOT, format, name,
          number(baseValue) + " " + unit,
          number(candidateValue) + " " + unit,
          String.format(Locale.ROOT, "%.2f", ratio),
          (higher ? "higher" : "lower") + " is better; "
              + (Math.abs(ratio - 1) < 0.005 ? "equal" : (candidateBetter ? c : b) + " ahead")));
    }
    if (bases.size() == candidates.size() && bases.size() > 1) {
      out.append(String.format(Locale.ROOT, "(figures: the median of %d rounds; ratio: the median of the rounds' "
          + "own ratios)%n", bases.size()));
    } else if (bases.size() > 1 || candidates.size() > 1) {
      out.append(String.format(Locale.ROOT, "(each figure is the median of %s: %d rounds, %s: %d rounds)%n",
          b, bases.size(), c, candidates.size()));
    }
    return out.toString();
  }

  /** Round i's candidate / base, for each round. */
  private static double[] ratios(double[] candidate, double[] base) {
    double[] ratios = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      ratios[i] = candidate[i] / base[i];
    }
    return ratios;
  }

  /** A row's values over the reports that have it, in report order. */
  private static double[] values(List<JsonNode> reports, String name) {
    return reports.stream().map(r -> find(r.path("rows"), name)).filter(Objects::nonNull)
        .mapToDouble(row -> row.path("value").asDouble()).toArray();
  }

  /** The median of some values (the mean of the middle two for an even count). */
  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static JsonNode find(JsonNode rows, String name) {
    for (JsonNode row : rows) {
      if (name.equals(row.path("name").asText())) {
        return row;
      }
    }
    return null;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.3f", value);
  }
}
