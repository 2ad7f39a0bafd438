package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.query.JmesQuery;

/**
 * az's order of work on a command result: add {@code resourceGroup} from ids, apply
 * {@code --query}, then format. A null result, before or after the query, prints nothing.
 */
public final class OutputPipeline {
  private OutputPipeline() {}

  public static String render(JsonNode result, OutputFormat format, JmesQuery query,
      TableTransformer transformer, boolean color) {
    if (result == null || result.isNull() || result.isMissingNode()) return "";
    ResourceGroupTransform.apply(result);
    JsonNode shaped = query == null ? result : query.search(result);
    return OutputFormatter.format(shaped, format, query != null, transformer, color);
  }
}
