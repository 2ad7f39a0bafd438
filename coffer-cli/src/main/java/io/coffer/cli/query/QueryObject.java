package io.coffer.cli.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object built by a {@code --query} multiselect hash. az evaluates queries into an OrderedDict,
 * and its tsv writer keeps that order instead of sorting keys; this type marks such objects.
 */
public final class QueryObject extends ObjectNode {
  private static final long serialVersionUID = 1L;

  public QueryObject() {
    super(JsonNodeFactory.instance);
  }
}
