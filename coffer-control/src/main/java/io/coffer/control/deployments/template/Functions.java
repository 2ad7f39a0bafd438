package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The template functions, by case-insensitive name ({@code resourceID} and {@code resourceId} are
 * one function). {@code if} lives in {@link Evaluator}: it must not evaluate the branch it skips.
 */
final class Functions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  @FunctionalInterface
  private interface Function {
    JsonNode apply(Args args, Scope scope);
  }

  private static final Map<String, Function> ALL = new HashMap<>();

  static {
    define("parameters", (a, s) -> s.parameter(a.exactly(1).string(0)));
    define("variables", (a, s) -> s.variable(a.exactly(1).string(0)));
    define("resourceGroup", (a, s) -> a.exactly(0).and(s.resourceGroup()));
    define("subscription", (a, s) -> a.exactly(0).and(s.subscription()));
    define("deployment", (a, s) -> a.exactly(0).and(s.deployment()));
    define("resourceId", Functions::resourceId);
    define("subscriptionResourceId", (a, s) -> {
      a.atLeast(2);
      return NODES.textNode(ResourceIds.inSubscription(s.subscription().path("subscriptionId").asText(),
          a.string(0), a.strings(1)));
    });
    define("reference", (a, s) -> {
      a.between(1, 3);
      boolean full = a.size() == 3 && a.string(2).equalsIgnoreCase("Full");
      if (a.size() == 3 && !full) throw a.error("the third argument may only be 'Full'");
      return s.reference(a.string(0), a.size() >= 2 ? a.string(1) : null, full);
    });
    define("concat", Functions::concat);
    define("format", Functions::format);
    define("toLower", (a, s) -> NODES.textNode(a.exactly(1).string(0).toLowerCase(Locale.ROOT)));
    define("toUpper", (a, s) -> NODES.textNode(a.exactly(1).string(0).toUpperCase(Locale.ROOT)));
    define("uniqueString", (a, s) -> NODES.textNode(uniqueString(a.atLeast(1).strings(0))));
    define("guid", (a, s) -> NODES.textNode(UUID.nameUUIDFromBytes(
        String.join("-", a.atLeast(1).strings(0)).getBytes(StandardCharsets.UTF_8)).toString()));
    define("equals", (a, s) -> NODES.booleanNode(Values.same(a.exactly(2).get(0), a.get(1))));
    define("not", (a, s) -> NODES.booleanNode(!a.exactly(1).bool(0)));
    define("and", (a, s) -> {
      a.atLeast(2);
      boolean all = true;
      for (int i = 0; i < a.size(); i++) all &= a.bool(i);
      return NODES.booleanNode(all);
    });
    define("or", (a, s) -> {
      a.atLeast(2);
      boolean any = false;
      for (int i = 0; i < a.size(); i++) any |= a.bool(i);
      return NODES.booleanNode(any);
    });
    define("true", (a, s) -> a.exactly(0).and(NODES.booleanNode(true)));
    define("false", (a, s) -> a.exactly(0).and(NODES.booleanNode(false)));
    define("null", (a, s) -> a.exactly(0).and(NODES.nullNode()));
    define("string", (a, s) -> {
      JsonNode v = a.exactly(1).get(0);
      return NODES.textNode(v.isContainerNode() ? Json.string(v) : Values.text(v, "string"));
    });
    define("int", (a, s) -> {
      JsonNode v = a.exactly(1).get(0);
      if (v.isIntegralNumber()) return NODES.numberNode(v.longValue());
      try {
        return NODES.numberNode(Long.parseLong(a.string(0).trim()));
      } catch (NumberFormatException e) {
        throw a.error("'" + v.asText() + "' is not an integer");
      }
    });
    define("bool", (a, s) -> {
      JsonNode v = a.exactly(1).get(0);
      if (v.isBoolean()) return v;
      if (v.isIntegralNumber()) return NODES.booleanNode(v.longValue() != 0);
      String t = a.string(0);
      if (t.equalsIgnoreCase("true")) return NODES.booleanNode(true);
      if (t.equalsIgnoreCase("false")) return NODES.booleanNode(false);
      throw a.error("'" + t + "' is not a boolean");
    });
    define("length", (a, s) -> {
      JsonNode v = a.exactly(1).get(0);
      if (v.isTextual()) return NODES.numberNode((long) v.textValue().length());
      if (v.isContainerNode()) return NODES.numberNode((long) v.size());
      throw a.error("it takes a string, an array or an object");
    });
    define("empty", (a, s) -> {
      JsonNode v = a.exactly(1).get(0);
      if (v.isNull()) return NODES.booleanNode(true);
      if (v.isTextual()) return NODES.booleanNode(v.textValue().isEmpty());
      if (v.isContainerNode()) return NODES.booleanNode(v.isEmpty());
      throw a.error("it takes a string, an array, an object or null");
    });
    define("contains", Functions::contains);
    define("replace", (a, s) -> NODES.textNode(a.exactly(3).string(0).replace(a.string(1), a.string(2))));
    define("createArray", (a, s) -> {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < a.size(); i++) out.add(a.get(i));
      return out;
    });
    define("createObject", (a, s) -> {
      if (a.size() % 2 != 0) throw a.error("it takes pairs of a name and a value");
      ObjectNode out = NODES.objectNode();
      for (int i = 0; i < a.size(); i += 2) out.set(a.string(i), a.get(i + 1));
      return out;
    });
    define("coalesce", (a, s) -> {
      a.atLeast(1);
      for (int i = 0; i < a.size(); i++) if (!a.get(i).isNull()) return a.get(i);
      return NODES.nullNode();
    });
    define("json", (a, s) -> {
      try {
        return Json.parse(a.exactly(1).string(0));
      } catch (IllegalArgumentException e) {
        throw a.error("the argument is not JSON (" + e.getMessage() + ")");
      }
    });
  }

  private Functions() {}

  private static void define(String name, Function f) {
    ALL.put(name.toLowerCase(Locale.ROOT), f);
  }

  static JsonNode call(String name, List<JsonNode> args, Scope scope) {
    Function f = ALL.get(name.toLowerCase(Locale.ROOT));
    if (f == null) throw new TemplateException("The template function '" + name + "' is not valid or not supported.");
    return f.apply(new Args(name, args), scope);
  }

  /** {@code resourceId([subscriptionId], [resourceGroupName], type, name…)}: the type is the first argument with a '/'. */
  private static JsonNode resourceId(Args a, Scope s) {
    a.atLeast(2);
    int type = -1;
    for (int i = 0; i < a.size() && type < 0; i++) if (a.string(i).contains("/")) type = i;
    if (type < 0 || type > 2) throw a.error("no resource type ('Namespace/type') among the first three arguments");
    String subscription = s.subscription().path("subscriptionId").asText();
    String group = s.resourceGroup().path("name").asText();
    if (type == 1) group = a.string(0);
    if (type == 2) {
      subscription = a.string(0);
      group = a.string(1);
    }
    List<String> names = a.strings(type + 1);
    if (names.isEmpty()) throw a.error("the resource type needs at least one name");
    return NODES.textNode(ResourceIds.inGroup(subscription, group, a.string(type), names));
  }

  private static JsonNode concat(Args a, Scope s) {
    a.atLeast(1);
    boolean arrays = true;
    for (int i = 0; i < a.size(); i++) arrays &= a.get(i).isArray();
    if (arrays) {
      ArrayNode out = NODES.arrayNode();
      for (int i = 0; i < a.size(); i++) out.addAll((ArrayNode) a.get(i));
      return out;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.size(); i++) sb.append(Values.text(a.get(i), "concat"));
    return NODES.textNode(sb.toString());
  }

  /** {@code format('{0}-{1}', …)}: .NET composite format; {@code {{} and {@code }}} are braces; specifiers are ignored. */
  private static JsonNode format(Args a, Scope s) {
    String f = a.atLeast(1).string(0);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '{' && i + 1 < f.length() && f.charAt(i + 1) == '{') {
        sb.append('{');
        i++;
      } else if (c == '}' && i + 1 < f.length() && f.charAt(i + 1) == '}') {
        sb.append('}');
        i++;
      } else if (c == '{') {
        int end = f.indexOf('}', i);
        if (end < 0) throw a.error("'{' is not closed in '" + f + "'");
        String item = f.substring(i + 1, end);
        int colon = item.indexOf(':');
        String index = (colon >= 0 ? item.substring(0, colon) : item).trim();
        int n;
        try {
          n = Integer.parseInt(index);
        } catch (NumberFormatException e) {
          throw a.error("'{" + item + "}' is not a format item");
        }
        if (n < 0 || n + 1 >= a.size()) throw a.error("'{" + n + "}' has no argument");
        sb.append(Values.text(a.get(n + 1), "format"));
        i = end;
      } else if (c == '}') {
        throw a.error("'}' without '{' in '" + f + "'");
      } else {
        sb.append(c);
      }
    }
    return NODES.textNode(sb.toString());
  }

  private static JsonNode contains(Args a, Scope s) {
    JsonNode container = a.exactly(2).get(0);
    JsonNode item = a.get(1);
    if (container.isTextual()) return NODES.booleanNode(container.textValue().contains(Values.text(item, "contains")));
    if (container.isArray()) {
      for (JsonNode e : container) if (Values.same(e, item)) return NODES.booleanNode(true);
      return NODES.booleanNode(false);
    }
    if (container.isObject()) {
      String key = a.string(1);
      for (Iterator<String> it = container.fieldNames(); it.hasNext(); ) {
        if (it.next().equalsIgnoreCase(key)) return NODES.booleanNode(true);
      }
      return NODES.booleanNode(false);
    }
    throw a.error("the first argument must be a string, an array or an object");
  }

  /**
   * 13 characters of base32 from a SHA-256 of the arguments: deterministic per input and of
   * ARM's length and alphabet, so names built from it are valid where ARM's would be.
   */
  static String uniqueString(List<String> parts) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; sb.length() < 13; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5 && sb.length() < 13) {
        sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    return sb.toString();
  }

  /** A function's evaluated arguments with checks that name the function in their errors. */
  private static final class Args {
    private final String function;
    private final List<JsonNode> values;

    Args(String function, List<JsonNode> values) {
      this.function = function;
      this.values = values;
    }

    int size() {
      return values.size();
    }

    JsonNode get(int i) {
      return values.get(i);
    }

    Args exactly(int n) {
      if (values.size() != n) throw error("it expects " + n + " argument(s); got " + values.size());
      return this;
    }

    Args atLeast(int n) {
      if (values.size() < n) throw error("it expects at least " + n + " argument(s); got " + values.size());
      return this;
    }

    Args between(int min, int max) {
      if (values.size() < min || values.size() > max) {
        throw error("it expects " + min + " to " + max + " arguments; got " + values.size());
      }
      return this;
    }

    JsonNode and(JsonNode result) {
      return result;
    }

    String string(int i) {
      JsonNode v = values.get(i);
      if (!v.isTextual()) throw error("argument " + (i + 1) + " must be a string; got " + Values.kind(v));
      return v.textValue();
    }

    boolean bool(int i) {
      JsonNode v = values.get(i);
      if (!v.isBoolean()) throw error("argument " + (i + 1) + " must be a boolean; got " + Values.kind(v));
      return v.booleanValue();
    }

    List<String> strings(int from) {
      List<String> out = new ArrayList<>();
      for (int i = from; i < values.size(); i++) out.add(string(i));
      return out;
    }

    TemplateException error(String why) {
      return new TemplateException("The template function '" + function + "' is not valid: " + why + ".");
    }
  }
}
