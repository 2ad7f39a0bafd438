package io.coffer.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.cli.CliException;
import io.coffer.cli.query.JmesQuery;
import io.coffer.common.Json;
import org.junit.jupiter.api.Test;

class OutputPipelineTest {
  private static final String REGISTRY = "{\"id\":\"/subscriptions/s/resourceGroups/rg/providers/"
      + "Microsoft.ContainerRegistry/registries/reg\",\"name\":\"reg\",\"loginServer\":\"h:5080/reg\"}";

  @Test
  void render_queryOnResourceGroup_seesTransformedField() {
    assertThat(OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.TSV, JmesQuery.compile("resourceGroup"),
        null, false)).isEqualTo("rg\n");
  }

  @Test
  void render_queryNullResult_printsNothingInAnyFormat() {
    for (OutputFormat f : OutputFormat.values()) {
      assertThat(OutputPipeline.render(Json.parse(REGISTRY), f, JmesQuery.compile("missing"), null, false))
          .as(f.id()).isEmpty();
    }
  }

  @Test
  void render_nullResult_printsNothing() {
    assertThat(OutputPipeline.render(null, OutputFormat.JSON, null, null, false)).isEmpty();
    assertThat(OutputPipeline.render(Json.parse("null"), OutputFormat.JSON, null, null, false)).isEmpty();
  }

  @Test
  void render_jsonWithQueryObject_stillSortsKeys() {
    assertThat(OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.JSON,
        JmesQuery.compile("{z:name, a:loginServer}"), null, false))
        .isEqualTo("{\n  \"a\": \"h:5080/reg\",\n  \"z\": \"reg\"\n}\n");
  }

  @Test
  void render_tsvWithMultiselectList_keepsQueryOrder() {
    assertThat(OutputPipeline.render(Json.parse("[" + REGISTRY + "]"), OutputFormat.TSV,
        JmesQuery.compile("[].[name, loginServer, resourceGroup]"), null, false)).isEqualTo("reg\th:5080/reg\trg\n");
    // A top-level list is one row per element, even when the query built it.
    assertThat(OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.TSV,
        JmesQuery.compile("[name, loginServer]"), null, false)).isEqualTo("reg\nh:5080/reg\n");
  }

  @Test
  void render_queryEvaluationError_invalidQueryMessage() {
    assertThatThrownBy(() -> OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.JSON,
        JmesQuery.compile("length(`1`)"), null, false))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("Invalid jmespath query supplied for `--query`: ")
        .extracting(e -> ((CliException) e).exitCode()).isEqualTo(1);
  }

  @Test
  void render_colorOffForJsoncAndYamlc_sameAsPlain() {
    var node = Json.parse(REGISTRY);
    assertThat(OutputPipeline.render(node.deepCopy(), OutputFormat.JSONC, null, null, false))
        .isEqualTo(OutputPipeline.render(node.deepCopy(), OutputFormat.JSON, null, null, false));
    assertThat(OutputPipeline.render(node.deepCopy(), OutputFormat.YAMLC, null, null, false))
        .isEqualTo(OutputPipeline.render(node.deepCopy(), OutputFormat.YAML, null, null, false));
  }

  @Test
  void render_colorOn_addsAnsiCodesButSameText() {
    String colored = OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.JSONC, null, null, true);
    assertThat(colored).contains("\u001b[");
    assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", ""))
        .isEqualTo(OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.JSON, null, null, false));
  }

  @Test
  void render_noneFormat_printsNothingForARealResult() {
    assertThat(OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.NONE, null, null, false)).isEmpty();
    assertThat(OutputPipeline.render(Json.parse("[" + REGISTRY + "]"), OutputFormat.NONE,
        JmesQuery.compile("[].name"), null, false)).isEmpty();
  }

  @Test
  void render_noneFormat_queryIsStillEvaluated() {
    assertThatThrownBy(() -> OutputPipeline.render(Json.parse(REGISTRY), OutputFormat.NONE,
        JmesQuery.compile("length(`1`)"), null, false))
        .hasMessageStartingWith("Invalid jmespath query supplied for `--query`: ");
  }

  @Test
  void parse_upperCaseFormat_isLowerCased() {
    assertThat(OutputFormat.parse("TSV")).isEqualTo(OutputFormat.TSV);
  }
}
