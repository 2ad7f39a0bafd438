package io.coffer.cli.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.coffer.cli.CliException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A compiled {@code --query}. Compiling happens while arguments are parsed, as in az. */
public final class JmesQuery {
  private static final OrderedJacksonRuntime RUNTIME = new OrderedJacksonRuntime();

  private final String text;
  private final Expression<JsonNode> expression;

  private JmesQuery(String text, Expression<JsonNode> expression) {
    this.text = text;
    this.expression = expression;
  }

  /** @throws IllegalArgumentException when the text is not valid JMESPath */
  public static JmesQuery compile(String text) {
    try {
      return new JmesQuery(text, RUNTIME.compile(text));
    } catch (JmesPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Evaluates the query; a JSON null result comes back as {@code null}. */
  public JsonNode search(JsonNode input) {
    JsonNode result;
    try {
      result = expression.search(input);
    } catch (JmesPathException | ClassCastException e) {
      throw new CliException("Invalid jmespath query supplied for `--query`: " + e.getMessage());
    }
    return (result == null || result.isNull() || result.isMissingNode()) ? null : result;
  }

  public String text() {
    return text;
  }

  /** picocli hook: a query that does not compile is a usage error (exit code 2). */
  public static final class Converter implements ITypeConverter<JmesQuery> {
    @Override
    public JmesQuery convert(String value) {
      try {
        return compile(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "invalid jmespath_type value: '" + value + "': " + e.getMessage());
      }
    }
  }
}
