package io.coffer.vault.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * An ISO-8601 duration as rotation policies write them ({@code P90D}, {@code P2Y}, {@code P1Y2M},
 * {@code PT12H}): calendar years and months are added on the UTC calendar. The text is kept as given.
 */
public record IsoPeriod(String text, Period period, Duration time) {
  public static IsoPeriod parse(String text) {
    if (text == null || text.isBlank()) throw KeyException.badParameter("An empty duration is not valid.");
    String t = text.trim().toUpperCase(Locale.ROOT);
    try {
      if (!t.startsWith("P") || t.equals("P") || t.endsWith("T")) throw new DateTimeParseException("", t, 0);
      int split = t.indexOf('T');
      String datePart = split < 0 ? t : t.substring(0, split);
      Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
      Duration time = split < 0 ? Duration.ZERO : Duration.parse("PT" + t.substring(split + 1));
      if (period.isNegative() || time.isNegative() || (period.isZero() && time.isZero())) {
        throw new DateTimeParseException("", t, 0);
      }
      return new IsoPeriod(t, period, time);
    } catch (DateTimeParseException e) {
      throw KeyException.badParameter("'" + text + "' is not an ISO-8601 duration such as P90D or P1Y.");
    }
  }

  public Instant after(Instant start) {
    return start.atOffset(ZoneOffset.UTC).plus(period).plus(time).toInstant();
  }

  public Instant before(Instant end) {
    return end.atOffset(ZoneOffset.UTC).minus(period).minus(time).toInstant();
  }

  /** Roughly how long this is, to compare against minimums. */
  public Duration approximate() {
    Instant epoch = Instant.EPOCH;
    return Duration.between(epoch, after(epoch));
  }
}
