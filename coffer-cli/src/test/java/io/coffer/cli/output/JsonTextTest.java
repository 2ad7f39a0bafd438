package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  private static String json(String input) {
    return OutputFormatter.format(Json.parse(input), OutputFormat.JSON, false, null, false);
  }

  @Test
  void write_nestedObjects_sortsKeysAtEveryLevelWithTwoSpaceIndent() {
    assertThat(json("{\"b\":{\"z\":1,\"a\":[{\"y\":true,\"x\":null}]},\"a\":\"s\"}")).isEqualTo("""
        {
          "a": "s",
          "b": {
            "a": [
              {
                "x": null,
                "y": true
              }
            ],
            "z": 1
          }
        }
        """);
  }

  @Test
  void write_nullsAndEmptyContainers_areKept() {
    assertThat(json("{\"n\":null,\"l\":[],\"o\":{}}"))
        .isEqualTo("{\n  \"l\": [],\n  \"n\": null,\n  \"o\": {}\n}\n");
  }

  @Test
  void write_nonAscii_isWrittenAsIsAndControlCharactersEscaped() {
    assertThat(json("{\"s\":\"héllo ☃ 😀 \\\"q\\\" \\\\ \\t\\n\\u0001\"}"))
        .isEqualTo("{\n  \"s\": \"héllo ☃ 😀 \\\"q\\\" \\\\ \\t\\n\\u0001\"\n}\n");
  }

  @Test
  void write_floats_usePythonSpelling() {
    assertThat(json("[1.0, 6.10, 1e20, 0.00001, 1e16, 1234567.5, 12345678901234567890]"))
        .isEqualTo("[\n  1.0,\n  6.1,\n  1e+20,\n  1e-05,\n  1e+16,\n  1234567.5,\n  12345678901234567890\n]\n");
  }

  @Test
  void write_scalar_endsWithNewline() {
    assertThat(json("true")).isEqualTo("true\n");
    assertThat(json("\"x\"")).isEqualTo("\"x\"\n");
  }

  @Test
  void keyOrder_supplementaryCharacters_sortByCodePointLikePython() {
    // U+1F600 sorts after U+FF21 by code point, before it by UTF-16 unit.
    assertThat(json("{\"\uD83D\uDE00\":1,\"\uFF21\":2}")).startsWith("{\n  \"\uFF21\"");
  }
}
