package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

/** Expected texts were produced by PyYAML 6 {@code safe_dump(default_flow_style=False, allow_unicode=True)}. */
class YamlTextTest {
  private static String yaml(String json) {
    return YamlText.write(Json.parse(json));
  }

  @Test
  void write_nestedStructure_blockStyleSortedKeysIndentlessSequences() {
    assertThat(yaml("{\"top\":[{\"k\":\"v\",\"k2\":[{\"z\":1}]},[],{},null,true,1.5,\"s\"],"
        + "\"nested\":{\"list\":[1,{\"b\":{},\"a\":[]}],\"deep\":{\"x\":[[1,2],[3,[4]]]}}}"))
        .isEqualTo("""
            nested:
              deep:
                x:
                - - 1
                  - 2
                - - 3
                  - - 4
              list:
              - 1
              - a: []
                b: {}
            top:
            - k: v
              k2:
              - z: 1
            - []
            - {}
            - null
            - true
            - 1.5
            - s
            """);
  }

  @Test
  void write_stringsThatReadAsOtherTypes_areSingleQuoted() {
    assertThat(yaml("{\"a\":\"true\",\"b\":\"123\",\"c\":\"2024-05-01T10:00:00Z\",\"d\":\"\",\"e\":\"null\","
        + "\"f\":\"yes\",\"g\":\"1.5\",\"h\":\"0x1F\",\"i\":\"x: y\",\"j\":\"- x\",\"k\":\"#c\",\"l\":\"1e5\"}"))
        .isEqualTo("""
            a: 'true'
            b: '123'
            c: '2024-05-01T10:00:00Z'
            d: ''
            e: 'null'
            f: 'yes'
            g: '1.5'
            h: '0x1F'
            i: 'x: y'
            j: '- x'
            k: '#c'
            l: 1e5
            """);
  }

  @Test
  void write_specialCharacters_doubleQuotedAndNewlinesFolded() {
    assertThat(yaml("{\"o\":\"tab\\there\",\"n\":\"multi\\nline\",\"p\":\"It's\",\"u\":\"é 😀\"}"))
        .isEqualTo("n: 'multi\n\n  line'\no: \"tab\\there\"\np: It's\nu: é 😀\n");
  }

  @Test
  void write_longString_foldedAtEightyColumns() {
    String text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
        + "incididunt ut labore et dolore magna aliqua.";
    assertThat(yaml("{\"long\":\"" + text + "\"}")).isEqualTo(
        "long: Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n"
            + "  incididunt ut labore et dolore magna aliqua.\n");
  }

  @Test
  void write_rootPlainScalar_endsWithDocumentEndMarker() {
    assertThat(yaml("\"just a string\"")).isEqualTo("just a string\n...\n");
    assertThat(yaml("true")).isEqualTo("true\n...\n");
    assertThat(yaml("\"true\"")).isEqualTo("'true'\n");
    assertThat(yaml("[]")).isEqualTo("[]\n");
  }

  @Test
  void write_floats_pyyamlSpelling() {
    assertThat(yaml("[1e20, 0.5, 100.0]")).isEqualTo("- 1.0e+20\n- 0.5\n- 100.0\n");
  }
}
