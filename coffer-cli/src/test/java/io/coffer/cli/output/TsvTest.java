package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.query.JmesQuery;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class TsvTest {
  private static String tsv(String input) {
    return Tsv.write(Json.parse(input));
  }

  @Test
  void write_plainDict_valuesInSortedKeyOrder() {
    assertThat(tsv("{\"B\":1,\"A\":2}")).isEqualTo("2\t1\n");
  }

  @Test
  void write_topLevelList_oneRowPerElement() {
    assertThat(tsv("[{\"name\":\"a\",\"loc\":\"x\"},{\"name\":\"b\",\"loc\":\"y\"}]")).isEqualTo("x\ta\ny\tb\n");
    assertThat(tsv("[\"repo1\",\"team/app\"]")).isEqualTo("repo1\nteam/app\n");
  }

  @Test
  void write_nestedList_printsItsLength() {
    assertThat(tsv("{\"a\":[1,2,3],\"b\":\"x\"}")).isEqualTo("3\tx\n");
  }

  @Test
  void write_nestedDict_printsEmptyCell() {
    assertThat(tsv("{\"a\":{\"k\":1},\"b\":\"x\"}")).isEqualTo("\tx\n");
  }

  @Test
  void write_nestedBooleansAndNull_printLikePythonStr() {
    assertThat(tsv("{\"a\":true,\"b\":false,\"c\":null}")).isEqualTo("True\tFalse\tNone\n");
  }

  @Test
  void write_topLevelBool_printsLowerCase() {
    assertThat(tsv("true")).isEqualTo("true\n");
    assertThat(tsv("[true,false]")).isEqualTo("true\nfalse\n");
  }

  @Test
  void write_topLevelNullInList_printsNone() {
    assertThat(tsv("[null]")).isEqualTo("None\n");
  }

  @Test
  void write_stringWithSpaces_isRawWithoutQuotes() {
    assertThat(tsv("\"a b\"")).isEqualTo("a b\n");
  }

  @Test
  void write_floatsAndBigIntegers_usePythonStr() {
    assertThat(tsv("[[1.0, 1e20, 12345678901234567890]]")).isEqualTo("1.0\t1e+20\t12345678901234567890\n");
  }

  @Test
  void write_listRow_printsElementsInOrder() {
    assertThat(tsv("[[\"b\",\"a\",[1,2]]]")).isEqualTo("b\ta\t2\n");
  }

  @Test
  void write_objectFromQuery_keepsQueryOrder() {
    JsonNode data = Json.parse("{\"name\":\"reg\",\"loginServer\":\"h:1/reg\",\"id\":\"x\"}");
    JsonNode queried = JmesQuery.compile("{z:name, a:loginServer}").search(data);
    assertThat(Tsv.write(queried)).isEqualTo("reg\th:1/reg\n");
  }

  @Test
  void write_originalDictSelectedByQuery_staysSorted() {
    JsonNode data = Json.parse("[{\"b\":1,\"a\":2}]");
    JsonNode queried = JmesQuery.compile("[0]").search(data);
    assertThat(Tsv.write(queried)).isEqualTo("2\t1\n");
  }
}
