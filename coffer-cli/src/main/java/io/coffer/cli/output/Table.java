package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Table output as az's {@code _TableOutput} + tabulate "simple" with numbers left as text. Columns
 * come from the keys of each row; {@code id}, {@code type}, {@code etag} and values that are null,
 * lists or dicts are skipped; headers get their first letter capitalised; every cell is
 * left-aligned in a column at least two wider than its header.
 */
public final class Table {
  private static final Set<String> SKIP_KEYS = Set.of("id", "type", "etag");

  private Table() {}

  /** Thrown when the data has no columns to show; the caller prints az's hint instead. */
  public static final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  /**
   * @param sortKeys true only when neither a query nor a command transformer shaped the rows.
   */
  public static String write(JsonNode result, boolean sortKeys) {
    List<JsonNode> items = new ArrayList<>();
    if (result != null && result.isArray()) result.forEach(items::add);
    else items.add(result);
    if (items.isEmpty()) return "\n";

    List<Map<String, JsonNode>> rows = new ArrayList<>();
    Set<String> headers = new LinkedHashSet<>();
    for (JsonNode item : items) {
      Map<String, JsonNode> row = autoItem(item, sortKeys);
      headers.addAll(row.keySet());
      rows.add(row);
    }
    if (headers.isEmpty()) throw new UnavailableException("Unable to extract fields for table.");

    List<String> columns = new ArrayList<>(headers);
    List<List<String>> cells = new ArrayList<>();
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) widths[c] = width(columns.get(c)) + 2;
    for (Map<String, JsonNode> row : rows) {
      List<String> line = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        JsonNode v = row.get(columns.get(c));
        String text = (v == null || v.isNull()) ? "" : PythonText.str(v).strip();
        widths[c] = Math.max(widths[c], width(text));
        line.add(text);
      }
      cells.add(line);
    }

    List<String> lines = new ArrayList<>();
    lines.add(line(columns, widths));
    List<String> dashes = new ArrayList<>();
    for (int w : widths) dashes.add("-".repeat(w));
    lines.add(line(dashes, widths));
    for (List<String> row : cells) lines.add(line(row, widths));
    return String.join("\n", lines) + "\n";
  }

  private static Map<String, JsonNode> autoItem(JsonNode item, boolean sortKeys) {
    Map<String, JsonNode> entry = new LinkedHashMap<>();
    if (item != null && item.isObject()) {
      List<String> keys = new ArrayList<>();
      item.fieldNames().forEachRemaining(keys::add);
      if (sortKeys) keys.sort(PythonText.KEY_ORDER);
      for (String k : keys) {
        if (SKIP_KEYS.contains(k)) continue;
        JsonNode v = item.get(k);
        if (v != null && !v.isNull() && !v.isContainerNode()) entry.put(capitalize(k), v);
      }
    } else if (item != null && item.isArray()) {
      for (int i = 0; i < item.size(); i++) entry.put("Column" + (i + 1), item.get(i));
    } else {
      entry.put("Result", item);
    }
    return entry;
  }

  private static String capitalize(String k) {
    if (k.isEmpty()) return k;
    int first = k.codePointAt(0);
    return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
        .append(k.substring(Character.charCount(first))).toString();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) sb.append("  ");
      String cell = cells.get(c);
      sb.append(cell).append(" ".repeat(widths[c] - width(cell)));
    }
    return sb.toString().stripTrailing();
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
