package io.coffer.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import io.coffer.common.Durations;
import java.io.IOException;
import java.time.Duration;

/** Durations in configuration are text such as {@code 5s} or {@code PT1H}. */
final class DurationText {
  private DurationText() {}

  static final class Reader extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      try {
        return Durations.parse(p.getValueAsString());
      } catch (IllegalArgumentException e) {
        throw ctx.weirdStringException(p.getValueAsString(), Duration.class, e.getMessage());
      }
    }
  }

  static final class Writer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider s) throws IOException {
      gen.writeString(Durations.format(value));
    }
  }
}
