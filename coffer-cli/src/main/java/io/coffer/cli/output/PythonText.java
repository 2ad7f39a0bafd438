package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;

/**
 * How Python prints JSON-decoded values. The az formatters are Python, so tsv cells, table cells
 * and JSON numbers must read exactly as {@code str()} / {@code repr()} would write them.
 */
public final class PythonText {
  /** Python orders strings by code point; {@link String#compareTo} orders by UTF-16 unit. */
  public static final Comparator<String> KEY_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private PythonText() {}

  /** {@code str(value)}: strings raw, {@code True}/{@code False}/{@code None} capitalised. */
  public static String str(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return "None";
    if (node.isTextual()) return node.textValue();
    return repr(node);
  }

  /** {@code repr(value)}: like {@link #str} but strings are quoted, as inside a list or dict. */
  public static String repr(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return "None";
    if (node.isBoolean()) return node.booleanValue() ? "True" : "False";
    if (node.isIntegralNumber()) return node.bigIntegerValue().toString();
    if (node.isNumber()) return floatRepr(node.doubleValue());
    if (node.isTextual()) return stringRepr(node.textValue());
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) sb.append(", ");
        sb.append(repr(node.get(i)));
      }
      return sb.append(']').toString();
    }
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!first) sb.append(", ");
      first = false;
      sb.append(stringRepr(e.getKey())).append(": ").append(repr(e.getValue()));
    }
    return sb.append('}').toString();
  }

  /** Python's shortest round-trip float repr: {@code 1.0}, {@code 1e-05}, {@code 1e+16}. */
  public static String floatRepr(double d) {
    if (Double.isNaN(d)) return "nan";
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - bd.scale();
    String sign = d < 0 ? "-" : "";
    if (exponent >= -4 && exponent < 16) {
      String plain = bd.abs().toPlainString();
      return sign + (plain.contains(".") ? plain : plain + ".0");
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = String.format("%02d", Math.abs(exponent));
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
  }

  private static String stringRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (cp == quote) {
            sb.append('\\').append((char) cp);
          } else if (cp < 0x20 || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else {
            sb.appendCodePoint(cp);
          }
        }
      }
    });
    return sb.append(quote).toString();
  }
}
