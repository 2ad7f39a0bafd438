package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed template language expression: the text between {@code [} and {@code ]}. */
public sealed interface Expression {
  /** A string or integer literal. */
  record Literal(JsonNode value) implements Expression {}

  /** {@code name(args…)}; names are matched case-insensitively when evaluated. */
  record Call(String name, List<Expression> args) implements Expression {}

  /** {@code target.name}. */
  record Property(Expression target, String name) implements Expression {}

  /** {@code target[index]}: an array element or an object property. */
  record Index(Expression target, Expression index) implements Expression {}
}
