package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes JSON as az does ({@code json.dumps(indent=2, sort_keys=True, ensure_ascii=False)}): keys
 * sorted at every level, nulls kept, non-ASCII written as is, Python float spelling.
 */
public final class JsonText {
  private JsonText() {}

  /** The document without a trailing newline. */
  public static String write(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, 0, sb);
    return sb.toString();
  }

  private static void write(JsonNode node, int level, StringBuilder sb) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      if (keys.isEmpty()) {
        sb.append("{}");
        return;
      }
      keys.sort(PythonText.KEY_ORDER);
      sb.append("{\n");
      for (int i = 0; i < keys.size(); i++) {
        indent(level + 1, sb);
        quote(keys.get(i), sb);
        sb.append(": ");
        write(node.get(keys.get(i)), level + 1, sb);
        sb.append(i + 1 < keys.size() ? ",\n" : "\n");
      }
      indent(level, sb);
      sb.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(level + 1, sb);
        write(node.get(i), level + 1, sb);
        sb.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      indent(level, sb);
      sb.append(']');
    } else if (node.isTextual()) {
      quote(node.textValue(), sb);
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue());
    } else if (node.isNumber()) {
      double d = node.doubleValue();
      // json.dumps writes the non-standard spellings for these; keep parity.
      if (Double.isNaN(d)) sb.append("NaN");
      else if (Double.isInfinite(d)) sb.append(d > 0 ? "Infinity" : "-Infinity");
      else sb.append(PythonText.floatRepr(d));
    } else {
      quote(node.asText(), sb);
    }
  }

  private static void indent(int level, StringBuilder sb) {
    sb.append("  ".repeat(level));
  }

  /** json.dumps with ensure_ascii=False escapes only quote, backslash and C0 controls. */
  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
