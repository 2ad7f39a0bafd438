package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** az's {@code --tags}: space-separated {@code key[=value]}; {@code ""} means no tags. */
final class Tags {
  private Tags() {}

  static ObjectNode parse(List<String> values) {
    ObjectNode tags = JsonNodeFactory.instance.objectNode();
    if (values == null) return tags;
    for (String v : values) {
      if (v.isEmpty()) continue;
      int eq = v.indexOf('=');
      if (eq < 0) tags.put(v, "");
      else tags.put(v.substring(0, eq), v.substring(eq + 1));
    }
    return tags;
  }
}
