package io.coffer.cli.output;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colours for {@code -o jsonc/yamlc} on a terminal; plain text passes through unchanged otherwise. */
final class AnsiColor {
  private static final String RESET = "\u001b[0m";
  private static final String KEY = "\u001b[94m";
  private static final String STRING = "\u001b[32m";
  private static final String LITERAL = "\u001b[36m";
  private static final Pattern JSON_TOKEN = Pattern.compile(
      "(\"(?:[^\"\\\\]|\\\\.)*\")(\\s*:)?|\\b(true|false|null)\\b|(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)");
  private static final Pattern YAML_KEY = Pattern.compile("(?m)^(\\s*(?:- )*)([^\\s:'\"-][^:\\n]*|'[^'\\n]*')(:)(?=\\s|$)");

  private AnsiColor() {}

  static String json(String text) {
    Matcher m = JSON_TOKEN.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = (m.group(2) != null ? KEY : STRING) + m.group(1) + RESET
            + (m.group(2) != null ? m.group(2) : "");
      } else {
        replacement = LITERAL + m.group() + RESET;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static String yaml(String text) {
    return YAML_KEY.matcher(text).replaceAll(mr ->
        Matcher.quoteReplacement(mr.group(1) + KEY + mr.group(2) + RESET + mr.group(3)));
  }
}
