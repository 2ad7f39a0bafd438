package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.cli.CliException;
import io.coffer.cli.query.JmesQuery;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class TableTest {
  private static String table(String input) {
    return OutputFormatter.format(Json.parse(input), OutputFormat.TABLE, false, null, false);
  }

  @Test
  void write_dicts_autoColumnsSortedAndCapitalised() {
    assertThat(table("[{\"name\":\"a\",\"location\":\"westeurope\"},{\"name\":\"bbbbbbbbbbbb\",\"location\":\"x\"}]"))
        .isEqualTo("""
            Location    Name
            ----------  ------------
            westeurope  a
            x           bbbbbbbbbbbb
            """);
  }

  @Test
  void write_dict_skipsIdTypeEtagNullsAndNestedValues() {
    assertThat(table("{\"id\":\"/x\",\"type\":\"t\",\"etag\":\"e\",\"name\":\"n\",\"tags\":{},"
        + "\"zones\":[1],\"status\":null,\"ok\":true}"))
        .isEqualTo("""
            Name    Ok
            ------  ----
            n       True
            """);
  }

  @Test
  void write_numbers_leftAlignedAsText() {
    assertThat(table("[{\"n\":1,\"f\":6.10},{\"n\":22,\"f\":10.25}]")).isEqualTo("""
        F      N
        -----  ---
        6.1    1
        10.25  22
        """);
  }

  @Test
  void write_numericLookingStrings_printedAsTypedAndLeftAligned() {
    assertThat(table("[{\"version\":\"6.10\",\"code\":\"007\"},{\"version\":\"10\",\"code\":\"1e3\"}]"))
        .isEqualTo("""
            Code    Version
            ------  ---------
            007     6.10
            1e3     10
            """);
  }

  @Test
  void write_transformerWithoutQuery_keepsTransformerColumnOrderUnsorted() {
    TableTransformer zFirst = r -> Json.parse("{\"Zone\":\"z1\",\"Area\":\"a1\"}");
    assertThat(OutputFormatter.format(Json.parse("{}"), OutputFormat.TABLE, false, zFirst, false))
        .isEqualTo("Zone    Area\n------  ------\nz1      a1\n");
  }

  @Test
  void write_transformerFailure_tableUnavailableError() {
    TableTransformer broken = r -> {
      throw new IllegalStateException("no rows");
    };
    assertThatThrownBy(() -> OutputFormatter.format(Json.parse("{}"), OutputFormat.TABLE, false, broken, false))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("Table output unavailable.")
        .extracting(e -> ((CliException) e).exitCode()).isEqualTo(1);
  }

  @Test
  void write_rowsWithDifferentKeys_unionOfColumnsInFirstSeenOrder() {
    assertThat(table("[{\"a\":\"1\"},{\"b\":\"2\",\"a\":\"3\"}]")).isEqualTo("""
        A    B
        ---  ---
        1
        3    2
        """);
  }

  @Test
  void write_cellPadding_isStrippedLikeTabulate() {
    assertThat(table("{\"a\":\"  x  \"}")).isEqualTo("A\n---\nx\n");
  }

  @Test
  void write_listOfScalars_resultColumn() {
    assertThat(table("[\"repo1\",\"team/app\"]")).isEqualTo("""
        Result
        --------
        repo1
        team/app
        """);
    assertThat(table("true")).isEqualTo("Result\n--------\nTrue\n");
  }

  @Test
  void write_listOfLists_numberedColumns() {
    assertThat(table("[[\"a\",\"b\"],[\"c\"]]")).isEqualTo("""
        Column1    Column2
        ---------  ---------
        a          b
        c
        """);
  }

  @Test
  void write_emptyList_printsBlankLine() {
    assertThat(table("[]")).isEqualTo("\n");
  }

  @Test
  void write_nothingToShow_tableUnavailableError() {
    assertThatThrownBy(() -> table("{\"tags\":{}}"))
        .isInstanceOf(CliException.class)
        .hasMessage("Table output unavailable. Use the --query option to specify an appropriate query. "
            + "Use --debug for more info.");
  }

  @Test
  void write_queryActive_keepsQueryColumnOrder() {
    var data = Json.parse("[{\"name\":\"reg\",\"loginServer\":\"h:1/reg\"}]");
    var queried = JmesQuery.compile("[].{Server:loginServer, Name:name}").search(data);
    assertThat(OutputFormatter.format(queried, OutputFormat.TABLE, true, CommandTables.REGISTRY, false))
        .isEqualTo("""
            Server    Name
            --------  ------
            h:1/reg   reg
            """);
  }

  @Test
  void write_registryTransformer_acrColumns() {
    var registry = Json.parse("""
        {"name":"myreg","resourceGroup":"rg1","location":"westeurope","sku":{"name":"Premium","tier":"Premium"},
         "loginServer":"localhost:5080/myreg","creationDate":"2024-05-01T10:11:12.123456+00:00",
         "adminUserEnabled":false,"id":"/subscriptions/s/resourceGroups/rg1/providers/x/y/myreg"}""");
    assertThat(OutputFormatter.format(registry, OutputFormat.TABLE, false, CommandTables.REGISTRY, false))
        .isEqualTo("NAME    RESOURCE GROUP    LOCATION    SKU      LOGIN SERVER          CREATION DATE         ADMIN ENABLED\n"
            + "------  ----------------  ----------  -------  --------------------  --------------------  ---------------\n"
            + "myreg   rg1               westeurope  Premium  localhost:5080/myreg  2024-05-01T10:11:12Z  False\n");
  }

  @Test
  void write_registryTransformerMissingValues_blankCells() {
    var registry = Json.parse("[{\"name\":\"r\",\"creationDate\":null}]");
    assertThat(OutputFormatter.format(registry, OutputFormat.TABLE, false, CommandTables.REGISTRY, false))
        .isEqualTo("NAME    RESOURCE GROUP    LOCATION    SKU    LOGIN SERVER    CREATION DATE    ADMIN ENABLED\n"
            + "------  ----------------  ----------  -----  --------------  ---------------  ---------------\n"
            + "r\n");
  }

  @Test
  void write_credentialsTransformer_usernameAndBothPasswords() {
    var creds = Json.parse("{\"passwords\":[{\"name\":\"password\",\"value\":\"p1\"},"
        + "{\"name\":\"password2\",\"value\":\"p2\"}],\"username\":\"myreg\"}");
    assertThat(OutputFormatter.format(creds, OutputFormat.TABLE, false, CommandTables.CREDENTIALS, false))
        .isEqualTo("USERNAME    PASSWORD    PASSWORD2\n----------  ----------  -----------\nmyreg       p1          p2\n");
  }
}
