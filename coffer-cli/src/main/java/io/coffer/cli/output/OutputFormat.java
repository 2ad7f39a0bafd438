package io.coffer.cli.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The values of {@code --output/-o}. */
public enum OutputFormat {
  JSON, JSONC, YAML, YAMLC, TABLE, TSV, NONE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts any case, as az lower-cases the value before checking it. */
  public static OutputFormat parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (OutputFormat f : values()) {
      if (f.id().equals(v)) return f;
    }
    throw new IllegalArgumentException("invalid choice: '" + v + "' (choose from "
        + Arrays.stream(values()).map(f -> "'" + f.id() + "'").collect(Collectors.joining(", ")) + ")");
  }

  /** picocli hook: an unknown format is a usage error (exit code 2). */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** For the help text. */
  public static final class Candidates extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    public Candidates() {
      for (OutputFormat f : values()) add(f.id());
    }
  }
}
