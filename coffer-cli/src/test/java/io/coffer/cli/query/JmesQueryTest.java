package io.coffer.cli.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmesQueryTest {
  private static final JsonNode DATA = Json.parse(
      "[{\"name\":\"a\",\"sku\":{\"name\":\"Premium\"},\"admin\":true},{\"name\":\"b\",\"sku\":{\"name\":\"Basic\"},\"admin\":false}]");

  @Test
  void search_multiselectHash_keepsQueryKeyOrder() {
    JsonNode result = JmesQuery.compile("[].{zeta:name, alpha:sku.name, mid:admin}").search(DATA);
    List<String> keys = new ArrayList<>();
    result.get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("zeta", "alpha", "mid");
    assertThat(result.get(0)).isInstanceOf(QueryObject.class);
  }

  @Test
  void search_filterAndProjection_works() {
    assertThat(JmesQuery.compile("[?sku.name=='Basic'].name | [0]").search(DATA).asText()).isEqualTo("b");
  }

  @Test
  void search_nullResult_returnsNull() {
    assertThat(JmesQuery.compile("[0].missing").search(DATA)).isNull();
  }

  @Test
  void compile_badSyntax_throwsIllegalArgument() {
    assertThatThrownBy(() -> JmesQuery.compile("[?name=="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void search_typeError_invalidQueryMessage() {
    assertThatThrownBy(() -> JmesQuery.compile("abs(name)").search(DATA.get(0)))
        .hasMessageStartingWith("Invalid jmespath query supplied for `--query`:");
  }
}
