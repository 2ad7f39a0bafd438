package io.coffer.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** The table layouts az gives to some commands (azure-cli {@code acr/_format.py} and friends). */
public final class CommandTables {
  private static final DateTimeFormatter CREATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private CommandTables() {}

  /** {@code acr show/list/create/update}. */
  public static final TableTransformer REGISTRY = result -> rows(result, item -> {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("NAME", value(item, "name"));
    row.put("RESOURCE GROUP", value(item, "resourceGroup"));
    row.put("LOCATION", value(item, "location"));
    row.put("SKU", value(item, "sku", "name"));
    row.put("LOGIN SERVER", value(item, "loginServer"));
    row.put("CREATION DATE", datetime(value(item, "creationDate")));
    row.put("ADMIN ENABLED", value(item, "adminUserEnabled"));
    return row;
  });

  /** {@code acr credential show/renew}. */
  public static final TableTransformer CREDENTIALS = result -> rows(result, item -> {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("USERNAME", value(item, "username"));
    row.put("PASSWORD", value(item, "passwords", 0, "value"));
    row.put("PASSWORD2", value(item, "passwords", 1, "value"));
    return row;
  });

  /** {@code group list}. */
  public static final TableTransformer GROUP_LIST = result -> rows(result, item -> {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.set("Name", item.path("name").isMissingNode() ? null : item.get("name"));
    row.set("Location", item.path("location").isMissingNode() ? null : item.get("location"));
    row.set("Status", item.path("properties").path("provisioningState").isMissingNode()
        ? null : item.path("properties").get("provisioningState"));
    return row;
  });

  private static JsonNode rows(JsonNode result, Function<JsonNode, ObjectNode> format) {
    JsonNode list = result;
    if (result.isObject() && result.path("value").isArray()) list = result.get("value");
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (list.isArray()) list.forEach(item -> out.add(format.apply(item)));
    else out.add(format.apply(list));
    return out;
  }

  /** az's {@code _get_value}: the nested value as text, or a blank for missing and empty values. */
  static String value(JsonNode item, Object... path) {
    JsonNode node = item;
    for (Object step : path) {
      if (node == null) return " ";
      node = step instanceof Integer i ? node.get(i) : node.get((String) step);
    }
    if (node == null || node.isNull()) return " ";
    if (node.isBoolean()) return PythonText.str(node);
    boolean falsy = (node.isTextual() && node.textValue().isEmpty())
        || (node.isNumber() && node.doubleValue() == 0)
        || (node.isContainerNode() && node.isEmpty());
    return falsy ? " " : PythonText.str(node);
  }

  /** az's {@code _format_datetime}: the wall-clock fields, seconds precision, a literal Z. */
  static String datetime(String text) {
    try {
      return OffsetDateTime.parse(text).format(CREATION);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).format(CREATION);
      } catch (DateTimeParseException e2) {
        return text.isEmpty() ? " " : text;
      }
    }
  }
}
