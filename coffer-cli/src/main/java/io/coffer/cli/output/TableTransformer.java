package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command's own table layout, used by {@code -o table} when no {@code --query} is given. It
 * returns rows (objects) whose key order is the column order.
 */
@FunctionalInterface
public interface TableTransformer {
  JsonNode transform(JsonNode result);
}
