package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.query.QueryObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tab-separated output, byte for byte as az's {@code _TsvOutput}: one row per element of a
 * top-level list (else one row), a dict row gives its values in sorted-key order (query order for
 * objects a {@code --query} built), a nested list prints its length, a nested dict prints nothing,
 * other nested values print as Python {@code str()} ({@code True}, {@code None}), and a top-level
 * bool prints lower-case.
 */
public final class Tsv {
  private Tsv() {}

  public static String write(JsonNode result) {
    StringBuilder sb = new StringBuilder();
    if (result != null && result.isArray()) {
      for (JsonNode row : result) row(row, sb);
    } else {
      row(result, sb);
    }
    return sb.toString();
  }

  private static void row(JsonNode data, StringBuilder sb) {
    if (data != null && (data.isObject() || data.isArray())) {
      String separator = "";
      for (JsonNode value : rowValues(data)) {
        sb.append(separator);
        cell(value, sb);
        separator = "\t";
      }
    } else if (data != null && data.isBoolean()) {
      sb.append(data.booleanValue() ? "true" : "false");
    } else {
      cell(data, sb);
    }
    sb.append('\n');
  }

  private static List<JsonNode> rowValues(JsonNode data) {
    List<JsonNode> values = new ArrayList<>();
    if (data.isArray()) {
      data.forEach(values::add);
    } else if (data instanceof QueryObject) {
      data.properties().forEach(e -> values.add(e.getValue()));
    } else {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(data.properties());
      entries.sort((a, b) -> PythonText.KEY_ORDER.compare(a.getKey(), b.getKey()));
      entries.forEach(e -> values.add(e.getValue()));
    }
    return values;
  }

  private static void cell(JsonNode value, StringBuilder sb) {
    if (value != null && value.isArray()) {
      sb.append(value.size());
    } else if (value != null && value.isObject()) {
      // az prints nothing so that rows keep the same number of columns.
      sb.append("");
    } else {
      sb.append(PythonText.str(value));
    }
  }
}
