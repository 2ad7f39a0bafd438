package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coffer.control.deployments.template.Expression.Call;
import io.coffer.control.deployments.template.Expression.Index;
import io.coffer.control.deployments.template.Expression.Literal;
import io.coffer.control.deployments.template.Expression.Property;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses template expressions: function calls with nested arguments, {@code 'string'} literals
 * ({@code ''} is a quote), integers, and property access by {@code .name} or {@code [expr]}.
 */
public final class ExpressionParser {
  private final String text;
  private int pos;

  private ExpressionParser(String text) {
    this.text = text;
  }

  /** True when a template string is an expression: {@code [...]}, but not {@code [[...} (an escaped bracket). */
  public static boolean isExpression(String s) {
    return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && s.charAt(1) != '[';
  }

  /** The literal text of a template string that is not an expression ({@code [[x]} stands for {@code [x]}). */
  public static String literal(String s) {
    return s.startsWith("[[") ? s.substring(1) : s;
  }

  /** Parses {@code [ … ]} (the whole template string, brackets included). */
  public static Expression parse(String bracketed) {
    if (!isExpression(bracketed)) throw new TemplateException("'" + bracketed + "' is not a template expression.");
    ExpressionParser p = new ExpressionParser(bracketed.substring(1, bracketed.length() - 1));
    p.skipSpace();
    if (p.atEnd()) throw p.error("the expression is empty");
    Expression e = p.expression();
    p.skipSpace();
    if (!p.atEnd()) throw p.error("unexpected '" + p.text.charAt(p.pos) + "'");
    return e;
  }

  private Expression expression() {
    skipSpace();
    Expression e = primary();
    while (true) {
      skipSpace();
      if (peek('.')) {
        pos++;
        skipSpace();
        String name = identifier();
        if (name.isEmpty()) throw error("a property name must follow '.'");
        e = new Property(e, name);
      } else if (peek('[')) {
        pos++;
        Expression index = expression();
        skipSpace();
        expect(']');
        e = new Index(e, index);
      } else {
        return e;
      }
    }
  }

  private Expression primary() {
    if (atEnd()) throw error("an expression was expected");
    char c = text.charAt(pos);
    if (c == '\'') return new Literal(JsonNodeFactory.instance.textNode(string()));
    if (c == '-' || Character.isDigit(c)) return new Literal(JsonNodeFactory.instance.numberNode(integer()));
    String name = identifier();
    if (name.isEmpty()) throw error("unexpected '" + c + "'");
    skipSpace();
    if (!peek('(')) throw error("'" + name + "' must be a function call: '" + name + "(…)'");
    pos++;
    List<Expression> args = new ArrayList<>();
    skipSpace();
    if (peek(')')) {
      pos++;
      return new Call(name, args);
    }
    while (true) {
      args.add(expression());
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (peek(')')) {
        pos++;
        return new Call(name, args);
      } else {
        throw error("',' or ')' expected in the arguments of '" + name + "'");
      }
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    pos++; // opening quote
    while (true) {
      if (atEnd()) throw error("the string literal is not closed");
      char c = text.charAt(pos++);
      if (c != '\'') {
        sb.append(c);
      } else if (peek('\'')) {
        sb.append('\'');
        pos++;
      } else {
        return sb.toString();
      }
    }
  }

  private long integer() {
    int start = pos;
    if (peek('-')) pos++;
    while (!atEnd() && Character.isDigit(text.charAt(pos))) pos++;
    String digits = text.substring(start, pos);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw error("'" + digits + "' is not an integer");
    }
  }

  private String identifier() {
    int start = pos;
    while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
        || text.charAt(pos) == '$')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (!peek(c)) throw error("'" + c + "' expected");
    pos++;
  }

  private boolean peek(char c) {
    return !atEnd() && text.charAt(pos) == c;
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(text.charAt(pos))) pos++;
  }

  private TemplateException error(String why) {
    return new TemplateException("The template language expression '" + text + "' is not valid: " + why
        + " at position " + (pos + 1) + ".");
  }
}
