package io.coffer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
   * The ratio table of two JSON reports: candidate / base per row present in both. For "higher is
   * better" rows a ratio above 1 means the candidate is faster; for latency rows, below 1.
   */
  static String compare(JsonNode base, JsonNode candidate) {
    String b = base.path("label").asText("base");
    String c = candidate.path("label").asText("candidate");
    String ratioHeader = c + "/" + b;
    String format = "%-22s %18s %18s %" + Math.max(8, ratioHeader.length()) + "s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, format, "row", b, c, ratioHeader, "reading"));
    for (JsonNode row : candidate.path("rows")) {
      String name = row.path("name").asText();
      JsonNode other = find(base.path("rows"), name);
      if (other == null) {
        continue;
      }
      String unit = row.path("unit").asText();
      double ratio = row.path("value").asDouble() / other.path("value").asDouble();
      boolean higher = !"lower".equals(row.path("better").asText());
      boolean candidateBetter = higher ? ratio > 1 : ratio < 1;
      out.append(String.format(Locale.ROOT, format, name,
          number(other.path("value").asDouble()) + " " + unit,
          number(row.path("value").asDouble()) + " " + unit,
          String.format(Locale.ROOT, "%.2f", ratio),
          (higher ? "higher" : "lower") + " is better; "
              + (Math.abs(ratio - 1) < 0.005 ? "equal" : (candidateBetter ? c : b) + " ahead")));
    }
    return out.toString();
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
