package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coffer.cli.CliException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Checks {@code keyvault key} arguments before any call, with az's argparse wording (exit 2). */
final class KeyArguments {
  static final List<String> KTYS = List.of("RSA", "RSA-HSM", "EC", "EC-HSM");
  static final List<Integer> SIZES = List.of(2048, 3072, 4096);
  static final List<String> CURVES = List.of("P-256", "P-384", "P-521");
  static final List<String> OPS = List.of("encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey", "import");

  private KeyArguments() {}

  static String choice(String option, String value, List<String> choices) {
    return choices.stream().filter(c -> c.equalsIgnoreCase(value)).findFirst().orElseThrow(() ->
        usage("argument " + option + ": invalid choice: '" + value + "' (choose from '"
            + String.join("', '", choices) + "')"));
  }

  static ArrayNode ops(List<String> values) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (String v : values) out.add(choice("--ops", v, OPS));
    return out;
  }

  /**
   * Epoch seconds of an ISO-8601 date-time as az takes it: with an offset, without one (UTC), or
   * a date alone (midnight UTC).
   */
  static long epoch(String option, String value) {
    try {
      return OffsetDateTime.parse(value).toEpochSecond();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(value).toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        try {
          return LocalDate.parse(value).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e3) {
          throw usage("argument " + option + ": '" + value
              + "' is not an ISO-8601 date-time such as 2030-12-31T23:59:59Z.");
        }
      }
    }
  }

  static void checkMaxResults(Integer max) {
    if (max != null && (max < 1 || max > 25)) throw usage("argument --maxresults: must be between 1 and 25.");
  }

  static CliException usage(String message) {
    return new CliException(message, CliException.USAGE);
  }
}
