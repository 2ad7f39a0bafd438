package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes YAML as az does ({@code yaml.safe_dump(default_flow_style=False, allow_unicode=True)}):
 * block style, keys sorted, two-space indent, sequences not indented under their key, strings that
 * would read back as another type quoted, long lines folded at 80 columns. The scalar writers are
 * a port of PyYAML's emitter so that quoting and folding match it character for character.
 */
public final class YamlText {
  private static final int BEST_WIDTH = 80;

  // PyYAML's implicit resolvers: a plain string matching one of these would load as non-string.
  private static final List<Pattern> IMPLICIT = List.of(
      Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
      Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
          + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
          + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
          + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"),
      Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
          + "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"),
      Pattern.compile("<<"),
      Pattern.compile("~|null|Null|NULL|"),
      Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
          + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
          + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"),
      Pattern.compile("="));

  private final StringBuilder out = new StringBuilder();
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;

  private YamlText() {}

  /** The whole document, ending with a newline. */
  public static String write(JsonNode node) {
    YamlText y = new YamlText();
    if (isBlockContainer(node)) {
      if (node.isObject()) y.mapping(node, 0);
      else y.sequence(node, 0);
      y.lineBreak();
    } else {
      boolean plain = y.scalar(node, 2, false);
      y.lineBreak();
      // PyYAML closes an open-ended plain root scalar with a document end marker.
      if (plain && !node.isContainerNode()) y.raw("...").lineBreak();
    }
    return y.out.toString();
  }

  private static boolean isBlockContainer(JsonNode n) {
    return n != null && n.isContainerNode() && !n.isEmpty();
  }

  private void mapping(JsonNode node, int indent) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    keys.sort(PythonText.KEY_ORDER);
    boolean first = true;
    for (String key : keys) {
      if (!first) newLineAt(indent);
      first = false;
      keyScalar(key);
      raw(":");
      whitespace = false;
      JsonNode value = node.get(key);
      if (isBlockContainer(value) && value.isObject()) {
        newLineAt(indent + 2);
        mapping(value, indent + 2);
      } else if (isBlockContainer(value)) {
        newLineAt(indent);
        sequence(value, indent);
      } else {
        scalar(value, indent + 2, true);
      }
    }
  }

  private void sequence(JsonNode node, int indent) {
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) newLineAt(indent);
      raw("-");
      whitespace = false;
      JsonNode item = node.get(i);
      if (isBlockContainer(item)) {
        raw(" ");
        whitespace = true;
        if (item.isObject()) mapping(item, indent + 2);
        else sequence(item, indent + 2);
      } else {
        scalar(item, indent + 2, true);
      }
    }
  }

  private void newLineAt(int indent) {
    lineBreak();
    raw(" ".repeat(indent));
    whitespace = true;
    indention = true;
  }

  private YamlText lineBreak() {
    out.append('\n');
    column = 0;
    whitespace = true;
    indention = true;
    return this;
  }

  private YamlText raw(String s) {
    out.append(s);
    column += s.codePointCount(0, s.length());
    return this;
  }

  private void keyScalar(String key) {
    Analysis a = Analysis.of(key);
    String style;
    if (!a.empty && !a.multiline && a.allowBlockPlain && !resolvesToOtherType(key)) style = "";
    else if (a.allowSingleQuoted && !a.multiline) style = "'";
    else style = "\"";
    writeStyled(key, style, 0, false);
  }

  /** Writes a value scalar; returns true when it was written plain. */
  private boolean scalar(JsonNode node, int indent, boolean afterIndicator) {
    if (afterIndicator) whitespace = false;
    if (node == null || node.isNull() || node.isMissingNode()) return writePlainWord("null");
    if (node.isObject()) return writeFlowEmpty("{}");
    if (node.isArray()) return writeFlowEmpty("[]");
    if (node.isBoolean()) return writePlainWord(node.booleanValue() ? "true" : "false");
    if (node.isIntegralNumber()) return writePlainWord(node.bigIntegerValue().toString());
    if (node.isNumber()) return writePlainWord(yamlFloat(node.doubleValue()));
    String text = node.asText();
    Analysis a = Analysis.of(text);
    String style;
    if (a.allowBlockPlain && !resolvesToOtherType(text)) {
      style = "";
    } else if (a.allowSingleQuoted) {
      style = "'";
    } else {
      style = "\"";
    }
    writeStyled(text, style, indent, true);
    return style.isEmpty();
  }

  private boolean writePlainWord(String word) {
    if (!whitespace) raw(" ");
    raw(word);
    whitespace = false;
    indention = false;
    return true;
  }

  private boolean writeFlowEmpty(String text) {
    if (!whitespace) raw(" ");
    raw(text);
    whitespace = false;
    return false;
  }

  private void writeStyled(String text, String style, int indent, boolean split) {
    int[] cps = text.codePoints().toArray();
    switch (style) {
      case "" -> writePlain(cps, indent, split);
      case "'" -> writeSingleQuoted(cps, indent, split);
      default -> writeDoubleQuoted(cps, indent, split);
    }
  }

  private void writeIndent(int indent) {
    if (!indention || column > indent || (column == indent && !whitespace)) {
      out.append('\n');
      column = 0;
      whitespace = true;
      indention = true;
    }
    if (column < indent) {
      whitespace = true;
      out.append(" ".repeat(indent - column));
      column = indent;
    }
  }

  private void write(int[] cps, int start, int end) {
    out.append(new String(cps, start, end - start));
    column += end - start;
  }

  private static boolean isBreak(int ch) {
    return ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
  }

  private void writePlain(int[] text, int indent, boolean split) {
    if (text.length == 0) return;
    if (!whitespace) raw(" ");
    whitespace = false;
    indention = false;
    boolean spaces = false;
    int start = 0;
    for (int end = 0; end <= text.length; end++) {
      int ch = end < text.length ? text[end] : -1;
      if (spaces) {
        if (ch != ' ') {
          if (start + 1 == end && column > BEST_WIDTH && split) {
            writeIndent(indent);
            whitespace = false;
            indention = false;
          } else {
            write(text, start, end);
          }
          start = end;
        }
      } else if (ch == -1 || ch == ' ' || isBreak(ch)) {
        write(text, start, end);
        start = end;
      }
      if (ch != -1) spaces = ch == ' ';
    }
  }

  private void writeSingleQuoted(int[] text, int indent, boolean split) {
    if (!whitespace) raw(" ");
    raw("'");
    whitespace = false;
    indention = false;
    boolean spaces = false;
    boolean breaks = false;
    int start = 0;
    for (int end = 0; end <= text.length; end++) {
      int ch = end < text.length ? text[end] : -1;
      if (spaces) {
        if (ch == -1 || ch != ' ') {
          if (start + 1 == end && column > BEST_WIDTH && split && start != 0 && end != text.length) {
            writeIndent(indent);
          } else {
            write(text, start, end);
          }
          start = end;
        }
      } else if (breaks) {
        if (ch == -1 || !isBreak(ch)) {
          if (text[start] == '\n') lineBreak();
          for (int i = start; i < end; i++) {
            if (text[i] == '\n') {
              lineBreak();
            } else {
              out.appendCodePoint(text[i]);
              column = 0;
              whitespace = true;
              indention = true;
            }
          }
          writeIndent(indent);
          start = end;
        }
      } else if (ch == -1 || ch == ' ' || isBreak(ch) || ch == '\'') {
        if (start < end) {
          write(text, start, end);
          start = end;
        }
      }
      if (ch == '\'') {
        raw("''");
        start = end + 1;
      }
      if (ch != -1) {
        spaces = ch == ' ';
        breaks = isBreak(ch);
      }
    }
    raw("'");
    whitespace = false;
    indention = false;
  }

  private static String escape(int ch) {
    return switch (ch) {
      case 0 -> "0";
      case 0x07 -> "a";
      case 0x08 -> "b";
      case 0x09 -> "t";
      case 0x0A -> "n";
      case 0x0B -> "v";
      case 0x0C -> "f";
      case 0x0D -> "r";
      case 0x1B -> "e";
      case '"' -> "\"";
      case '\\' -> "\\";
      case 0x85 -> "N";
      case 0xA0 -> "_";
      case 0x2028 -> "L";
      case 0x2029 -> "P";
      default -> null;
    };
  }

  private void writeDoubleQuoted(int[] text, int indent, boolean split) {
    if (!whitespace) raw(" ");
    raw("\"");
    whitespace = false;
    indention = false;
    int start = 0;
    for (int end = 0; end <= text.length; end++) {
      int ch = end < text.length ? text[end] : -1;
      boolean printable = ch >= 0x20 && ch <= 0x7E
          || (ch >= 0xA0 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD);
      if (ch == -1 || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029
          || ch == 0xFEFF || !printable) {
        if (start < end) {
          write(text, start, end);
          start = end;
        }
        if (ch != -1) {
          String rep = escape(ch);
          String data;
          if (rep != null) data = "\\" + rep;
          else if (ch <= 0xFF) data = String.format("\\x%02X", ch);
          else if (ch <= 0xFFFF) data = String.format("\\u%04X", ch);
          else data = String.format("\\U%08X", ch);
          raw(data);
          start = end + 1;
        }
      }
      if (end > 0 && end < text.length - 1 && (ch == ' ' || start >= end)
          && column + (end - start) > BEST_WIDTH && split) {
        String data = new String(text, start, end - start) + "\\";
        if (start < end) start = end;
        raw(data);
        writeIndent(indent);
        whitespace = false;
        indention = false;
        if (text[start] == ' ') raw("\\");
      }
    }
    raw("\"");
    whitespace = false;
    indention = false;
  }

  static boolean resolvesToOtherType(String s) {
    for (Pattern p : IMPLICIT) {
      if (p.matcher(s).matches()) return true;
    }
    return false;
  }

  /** PyYAML's represent_float: repr, lower-cased, with ".0" forced into exponent forms. */
  static String yamlFloat(double d) {
    if (Double.isNaN(d)) return ".nan";
    if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
    String v = PythonText.floatRepr(d).toLowerCase(java.util.Locale.ROOT);
    if (!v.contains(".") && v.contains("e")) v = v.replaceFirst("e", ".0e");
    return v;
  }

  /** Port of PyYAML's Emitter.analyze_scalar: which styles can carry this text unchanged. */
  private static final class Analysis {
    boolean empty;
    boolean multiline;
    boolean allowBlockPlain = true;
    boolean allowSingleQuoted = true;

    private static boolean isSpaceOrBreak(int ch) {
      return ch == 0 || ch == ' ' || ch == '\t' || ch == '\r' || isBreak(ch);
    }

    static Analysis of(String scalar) {
      Analysis a = new Analysis();
      int[] s = scalar.codePoints().toArray();
      if (s.length == 0) {
        a.empty = true;
        return a;
      }
      boolean blockIndicators = scalar.startsWith("---") || scalar.startsWith("...");
      boolean lineBreaks = false;
      boolean specialCharacters = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean breakSpace = false;
      boolean spaceBreak = false;
      boolean previousSpace = false;
      boolean previousBreak = false;
      boolean precededByWhitespace = true;
      boolean followedByWhitespace = s.length == 1 || isSpaceOrBreak(s[1]);
      for (int index = 0; index < s.length; index++) {
        int ch = s[index];
        if (index == 0) {
          if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) blockIndicators = true;
          if ((ch == '?' || ch == ':') && followedByWhitespace) blockIndicators = true;
          if (ch == '-' && followedByWhitespace) blockIndicators = true;
        } else {
          if (ch == ':' && followedByWhitespace) blockIndicators = true;
          if (ch == '#' && precededByWhitespace) blockIndicators = true;
        }
        if (isBreak(ch)) lineBreaks = true;
        if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) {
          boolean unicode = (ch == 0x85 || (ch >= 0xA0 && ch <= 0xD7FF)
              || (ch >= 0xE000 && ch <= 0xFFFD) || (ch >= 0x10000 && ch < 0x10FFFF)) && ch != 0xFEFF;
          if (!unicode) specialCharacters = true;
        }
        if (ch == ' ') {
          if (index == 0) leadingSpace = true;
          if (index == s.length - 1) trailingSpace = true;
          if (previousBreak) breakSpace = true;
          previousSpace = true;
          previousBreak = false;
        } else if (isBreak(ch)) {
          if (index == 0) leadingBreak = true;
          if (index == s.length - 1) trailingBreak = true;
          if (previousSpace) spaceBreak = true;
          previousSpace = false;
          previousBreak = true;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = isSpaceOrBreak(ch);
        followedByWhitespace = index + 2 >= s.length || isSpaceOrBreak(s[index + 2]);
      }
      a.multiline = lineBreaks;
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.allowBlockPlain = false;
      if (breakSpace) {
        a.allowBlockPlain = false;
        a.allowSingleQuoted = false;
      }
      if (spaceBreak || specialCharacters) {
        a.allowBlockPlain = false;
        a.allowSingleQuoted = false;
      }
      if (lineBreaks) a.allowBlockPlain = false;
      if (blockIndicators) a.allowBlockPlain = false;
      return a;
    }
  }
}
