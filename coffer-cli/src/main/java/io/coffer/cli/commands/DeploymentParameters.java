package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * az's {@code --parameters} forms, merged in the order given (a later value wins): {@code name=value}
 * (converted to the type the template declares for {@code name}), {@code @file.json} or a file path,
 * and inline JSON. A file or JSON is either a parameters file ({@code {"$schema": …deploymentParameters…,
 * "parameters": {…}}}, or just {@code {"parameters": {…}}}) or the parameters themselves
 * ({@code {"name": {"value": …}}}).
 */
final class DeploymentParameters {
  private DeploymentParameters() {}

  /** The {@code properties.parameters} of the deployment request. */
  static ObjectNode parse(List<String> values, JsonNode template) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (values == null) return out;
    for (String value : values) {
      String v = value.trim();
      if (v.startsWith("@")) {
        merge(out, document(read(v.substring(1)), v));
      } else if (v.startsWith("{")) {
        merge(out, document(v, "--parameters"));
      } else if (!v.contains("=") && Files.isRegularFile(Path.of(v))) {
        merge(out, document(read(v), v));
      } else {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new CliException("Unable to parse parameter: " + value + ". Use name=value, @file.json or JSON.",
              CliException.USAGE);
        }
        String name = v.substring(0, eq);
        out.putObject(name).set("value", typed(name, v.substring(eq + 1), template));
      }
    }
    return out;
  }

  /** The parameters of a file or JSON text, in either shape. */
  private static ObjectNode document(String text, String source) {
    JsonNode doc;
    try {
      doc = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("Failed to parse " + source + " as JSON: " + e.getMessage(), CliException.USAGE);
    }
    if (!doc.isObject()) throw new CliException(source + " must hold a JSON object.", CliException.USAGE);
    JsonNode inner = doc.get("parameters");
    boolean file = doc.has("$schema") || doc.has("contentVersion") || (doc.size() == 1 && inner != null
        && inner.isObject() && !inner.has("value"));
    JsonNode parameters = file ? inner : doc;
    if (parameters == null || !parameters.isObject()) {
      throw new CliException(source + " has no 'parameters' object.", CliException.USAGE);
    }
    return (ObjectNode) parameters;
  }

  private static void merge(ObjectNode into, ObjectNode parameters) {
    for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      into.set(e.getKey(), e.getValue());
    }
  }

  /** {@code name=value}: a string, unless the template declares {@code name} as int, bool, object or array. */
  private static JsonNode typed(String name, String text, JsonNode template) {
    String type = declaredType(name, template);
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (type) {
      case "int" -> {
        try {
          return nodes.numberNode(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
          throw new CliException("The parameter '" + name + "' is an int; '" + text + "' is not.", CliException.USAGE);
        }
      }
      case "bool" -> {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return nodes.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
        }
        throw new CliException("The parameter '" + name + "' is a bool; '" + text + "' is not true or false.",
            CliException.USAGE);
      }
      case "object", "secureobject", "array" -> {
        try {
          return Json.parse(text);
        } catch (IllegalArgumentException e) {
          throw new CliException("The parameter '" + name + "' is an " + type + "; '" + text + "' is not JSON.",
              CliException.USAGE);
        }
      }
      default -> {
        return nodes.textNode(text);
      }
    }
  }

  private static String declaredType(String name, JsonNode template) {
    JsonNode declared = template.path("parameters");
    for (Iterator<String> it = declared.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (n.equalsIgnoreCase(name)) return declared.get(n).path("type").asText("string").toLowerCase(Locale.ROOT);
    }
    return "string";
  }

  static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CliException("Unable to read the file '" + file + "': " + e.getMessage());
    }
  }
}
