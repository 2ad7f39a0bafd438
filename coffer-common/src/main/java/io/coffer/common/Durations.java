package io.coffer.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as users write them: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT1H}. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "': use e.g. 500ms, 5s, 10m, 2h, 7d or PT1H");
    }
  }

  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) return (ms / 86_400_000) + "d";
    if (ms % 3_600_000 == 0 && ms > 0) return (ms / 3_600_000) + "h";
    if (ms % 60_000 == 0 && ms > 0) return (ms / 60_000) + "m";
    if (ms % 1000 == 0) return (ms / 1000) + "s";
    return ms + "ms";
  }
}
