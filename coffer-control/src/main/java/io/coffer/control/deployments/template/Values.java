package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The template language's view of JSON values: kinds for messages, property access, text forms. */
final class Values {
  private Values() {}

  static String kind(JsonNode v) {
    if (v == null || v.isNull()) return "null";
    if (v.isTextual()) return "a string";
    if (v.isIntegralNumber()) return "an integer";
    if (v.isBoolean()) return "a boolean";
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return "a number";
  }

  /** Equal values; integers compare by value whatever their JSON width. */
  static boolean same(JsonNode a, JsonNode b) {
    return a.equals((x, y) -> x.isIntegralNumber() && y.isIntegralNumber()
        ? Long.compare(x.longValue(), y.longValue()) : x.equals(y) ? 0 : 1, b);
  }

  /** {@code target.name}: exact name first, then ignoring case (as ARM reads properties). */
  static JsonNode property(JsonNode target, String name) {
    if (target == null || !target.isObject()) {
      throw new TemplateException("The language expression property '" + name + "' can't be evaluated: the value is "
          + kind(target) + ", not an object.");
    }
    JsonNode exact = target.get(name);
    if (exact != null) return exact;
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (n.equalsIgnoreCase(name)) return target.get(n);
      names.add(n);
    }
    throw new TemplateException("The language expression property '" + name + "' doesn't exist, available properties are '"
        + String.join(", ", names) + "'.");
  }

  /** The text a string, integer or boolean stands for in {@code concat} and {@code format}. */
  static String text(JsonNode v, String function) {
    if (v.isTextual()) return v.textValue();
    if (v.isIntegralNumber()) return Long.toString(v.longValue());
    if (v.isBoolean()) return v.booleanValue() ? "True" : "False";
    if (v.isNull()) return "";
    throw new TemplateException("The template function '" + function + "' cannot take " + kind(v) + ".");
  }
}
