package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;

/**
 * Turns a command result into the text az would print for {@code -o <format>}. The result has
 * already been transformed and queried; a null result prints nothing in every format.
 */
public final class OutputFormatter {
  static final String TABLE_UNAVAILABLE = "Table output unavailable. "
      + "Use the --query option to specify an appropriate query. Use --debug for more info.";

  private OutputFormatter() {}

  /**
   * @param queryActive a {@code --query} produced the result (keeps its key order in tables)
   * @param transformer the command's table layout, or null; ignored when a query is active
   * @param color true only when writing to a terminal (jsonc/yamlc fall back to plain otherwise)
   */
  public static String format(JsonNode result, OutputFormat format, boolean queryActive,
      TableTransformer transformer, boolean color) {
    if (result == null || result.isNull() || result.isMissingNode()) return "";
    return switch (format) {
      case JSON -> JsonText.write(result) + "\n";
      case JSONC -> color ? AnsiColor.json(JsonText.write(result)) + "\n" : JsonText.write(result) + "\n";
      case YAML -> YamlText.write(result);
      case YAMLC -> color ? AnsiColor.yaml(YamlText.write(result)) : YamlText.write(result);
      case TSV -> Tsv.write(result);
      case TABLE -> table(result, queryActive, transformer);
      case NONE -> "";
    };
  }

  private static String table(JsonNode result, boolean queryActive, TableTransformer transformer) {
    try {
      JsonNode rows = result;
      boolean useTransformer = transformer != null && !queryActive;
      if (useTransformer) rows = transformer.transform(result);
      return Table.write(rows, !queryActive && transformer == null);
    } catch (RuntimeException e) {
      throw new CliException(TABLE_UNAVAILABLE, CliException.FAILURE, e);
    }
  }
}
