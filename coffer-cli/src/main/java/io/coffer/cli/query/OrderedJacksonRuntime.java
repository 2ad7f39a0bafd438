package io.coffer.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.Map;

/**
 * The Jackson JMESPath runtime, except that objects built by the query are {@link QueryObject}s.
 * The library already fills multiselect hashes in expression order; the marker lets the tsv
 * writer keep that order as az does.
 */
final class OrderedJacksonRuntime extends JacksonRuntime {
  @Override
  public JsonNode createObject(Map<JsonNode, JsonNode> obj) {
    QueryObject node = new QueryObject();
    for (Map.Entry<JsonNode, JsonNode> e : obj.entrySet()) {
      node.set(e.getKey().textValue(), e.getValue());
    }
    return node;
  }
}
