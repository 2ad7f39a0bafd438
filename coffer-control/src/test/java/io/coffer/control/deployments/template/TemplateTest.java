package io.coffer.control.deployments.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Template structure, parameter binding, variables and the resource plan. */
class TemplateTest {
  private static final JsonNode GROUP = Json.parse("{\"id\":\"/subscriptions/s1/resourceGroups/rg\",\"name\":\"rg\","
      + "\"location\":\"westeurope\"}");
  private static final JsonNode SUB = Json.parse("{\"subscriptionId\":\"s1\",\"tenantId\":\"t1\"}");
  private static final String PREFIX = "/subscriptions/s1/resourceGroups/rg/providers/";

  private static TemplateContext bind(String template, String parameters) {
    return TemplateContext.bind(TemplateParser.parse(Json.parse(template)),
        parameters == null ? null : Json.parse(parameters), GROUP, SUB, "dep");
  }

  private static String withParameters(String parameters) {
    return "{\"parameters\":" + parameters + ",\"resources\":[]}";
  }

  @Test
  void suppliedValuesWinOverDefaults_andDefaultsMayBeExpressions() {
    TemplateContext c = bind(withParameters("{\"a\":{\"type\":\"String\",\"defaultValue\":\"x\"},"
        + "\"loc\":{\"type\":\"string\",\"defaultValue\":\"[resourceGroup().location]\"},"
        + "\"n\":{\"type\":\"int\",\"defaultValue\":2},"
        + "\"derived\":{\"type\":\"string\",\"defaultValue\":\"[concat(parameters('A'), '-d')]\"}}"),
        "{\"A\":{\"value\":\"given\"}}");
    assertThat(c.parameter("a").textValue()).isEqualTo("given");
    assertThat(c.parameter("loc").textValue()).isEqualTo("westeurope");
    assertThat(c.parameter("n").intValue()).isEqualTo(2);
    assertThat(c.parameter("derived").textValue()).isEqualTo("given-d");
    assertThat(c.parameterRecord().toString()).isEqualTo("{\"a\":{\"type\":\"String\",\"value\":\"given\"},"
        + "\"loc\":{\"type\":\"String\",\"value\":\"westeurope\"},\"n\":{\"type\":\"Int\",\"value\":2},"
        + "\"derived\":{\"type\":\"String\",\"value\":\"given-d\"}}");
  }

  @Test
  void aMissingRequiredParameterIsNamed() {
    assertThatThrownBy(() -> bind(withParameters("{\"kek_id\":{\"type\":\"String\"},\"x\":{\"type\":\"String\","
        + "\"defaultValue\":\"\"}}"), null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("The value for the template parameter 'kek_id' is not provided");
  }

  @Test
  void parameterValuesAreCheckedAgainstTheirDeclaration() {
    String declared = withParameters("{\"sku\":{\"type\":\"string\",\"allowedValues\":[\"Basic\",\"Premium\"]},"
        + "\"days\":{\"type\":\"int\",\"defaultValue\":7,\"minValue\":1,\"maxValue\":90},"
        + "\"name\":{\"type\":\"string\",\"defaultValue\":\"abcde\",\"minLength\":5,\"maxLength\":50}}");
    assertThat(bind(declared, "{\"sku\":{\"value\":\"Premium\"}}").parameter("sku").textValue()).isEqualTo("Premium");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":{\"value\":\"Gold\"}}"))
        .hasMessageContaining("The value 'Gold' is not part of the allowed value(s): 'Basic,Premium'");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":{\"value\":1}}"))
        .hasMessageContaining("'sku' must be of type 'String'");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":{\"value\":\"Basic\"},\"days\":{\"value\":91}}"))
        .hasMessageContaining("at most 90");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":{\"value\":\"Basic\"},\"name\":{\"value\":\"ab\"}}"))
        .hasMessageContaining("of length 5 or more");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":{\"value\":\"Basic\"},\"extra\":{\"value\":1}}"))
        .hasMessageContaining("'extra'").hasMessageContaining("not present in the original template");
    assertThatThrownBy(() -> bind(declared, "{\"sku\":\"Basic\"}")).hasMessageContaining("{\"value\": …}");
    assertThatThrownBy(() -> bind(withParameters("{\"p\":{\"type\":\"text\"}}"), null))
        .hasMessageContaining("has the type 'text'");
  }

  @Test
  void secureParametersAreNeverShownBack() {
    TemplateContext c = bind(withParameters("{\"pw\":{\"type\":\"securestring\"}}"), "{\"pw\":{\"value\":\"s3cret\"}}");
    assertThat(c.parameter("pw").textValue()).isEqualTo("s3cret");
    assertThat(c.parameterRecord().toString()).isEqualTo("{\"pw\":{\"type\":\"SecureString\"}}").doesNotContain("s3cret");
  }

  @Test
  void variablesAreEvaluatedOnUseAndMayUseEachOther() {
    TemplateContext c = bind("{\"variables\":{\"base\":\"[toLower(resourceGroup().name)]\","
        + "\"full\":\"[concat(variables('base'), 'reg')]\",\"loop\":\"[variables('loop')]\"},\"resources\":[]}", null);
    assertThat(c.variable("full").textValue()).isEqualTo("rgreg");
    assertThatThrownBy(() -> c.variable("loop")).hasMessageContaining("refers to itself");
    assertThatThrownBy(() -> c.variable("nope")).hasMessageContaining("'nope' is not found");
  }

  @Test
  void structureErrorsAreNamed() {
    assertThatThrownBy(() -> TemplateParser.parse(Json.parse("{}"))).hasMessageContaining("'resources' array");
    assertThatThrownBy(() -> TemplateParser.parse(Json.parse("{\"resources\":[{\"type\":\"A.B/c\",\"name\":\"n\"}]}")))
        .hasMessageContaining("'apiVersion'");
    assertThatThrownBy(() -> TemplateParser.parse(Json.parse("{\"resources\":[{\"type\":\"A.B/c\",\"name\":\"n\","
        + "\"apiVersion\":\"1\",\"copy\":{\"name\":\"l\",\"count\":2}}]}"))).hasMessageContaining("'copy'");
    assertThatThrownBy(() -> TemplateParser.parse(Json.parse("{\"resources\":[],\"outputs\":{\"o\":{\"value\":1}}}")))
        .hasMessageContaining("output 'o'");
    assertThatThrownBy(() -> TemplateParser.parse(Json.parse("{\"resources\":[],\"functions\":[{\"namespace\":\"x\"}]}")))
        .hasMessageContaining("'functions'");
  }

  @Test
  void planComputesIdsIncludingChildResources_andResolvesDependencies() {
    TemplateContext c = bind("{\"parameters\":{\"v\":{\"type\":\"string\"}},\"resources\":["
        + "{\"type\":\"Microsoft.KeyVault/vaults/accessPolicies\",\"apiVersion\":\"2018-02-14\","
        + "\"name\":\"[concat(parameters('v'), '/add')]\",\"dependsOn\":[\"id1\"]},"
        + "{\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\",\"apiVersion\":\"2018-11-30\",\"name\":\"id1\"},"
        + "{\"type\":\"Microsoft.ContainerRegistry/registries\",\"apiVersion\":\"2019-12-01-preview\",\"name\":\"reg\","
        + "\"dependsOn\":[\"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id1')]\","
        + "\"Microsoft.KeyVault/vaults/accessPolicies/vault1/add\"]},"
        + "{\"condition\":\"[equals(parameters('v'), 'other')]\",\"type\":\"Microsoft.ManagedIdentity/userAssignedIdentities\","
        + "\"apiVersion\":\"2018-11-30\",\"name\":\"skipped\"}]}",
        "{\"v\":{\"value\":\"vault1\"}}");
    List<PlannedResource> plan = ResourcePlanner.plan(c);
    assertThat(plan).extracting(PlannedResource::id).containsExactly(
        PREFIX + "Microsoft.KeyVault/vaults/vault1/accessPolicies/add",
        PREFIX + "Microsoft.ManagedIdentity/userAssignedIdentities/id1",
        PREFIX + "Microsoft.ContainerRegistry/registries/reg");
    assertThat(plan.get(0).dependsOn()).containsExactly(PREFIX + "Microsoft.ManagedIdentity/userAssignedIdentities/id1");
    assertThat(plan.get(2).dependsOn()).containsExactly(PREFIX + "Microsoft.ManagedIdentity/userAssignedIdentities/id1",
        PREFIX + "Microsoft.KeyVault/vaults/vault1/accessPolicies/add");
  }

  private static String twoResources(String dependsOnA, String dependsOnB) {
    return "{\"resources\":[{\"type\":\"A.B/c\",\"apiVersion\":\"1\",\"name\":\"a\",\"dependsOn\":" + dependsOnA + "},"
        + "{\"type\":\"A.B/c\",\"apiVersion\":\"1\",\"name\":\"b\",\"dependsOn\":" + dependsOnB + "}]}";
  }

  @Test
  void cyclesUnknownDependenciesAndBadNamesAreRefused() {
    assertThatThrownBy(() -> ResourcePlanner.plan(bind(twoResources("[\"b\"]", "[\"a\"]"), null)))
        .hasMessageContaining("Circular dependency detected on resource");
    assertThatThrownBy(() -> ResourcePlanner.plan(bind(twoResources("[\"a\"]", "[]"), null)))
        .hasMessageContaining("cannot depend on itself");
    assertThatThrownBy(() -> ResourcePlanner.plan(bind(twoResources("[\"zz\"]", "[]"), null)))
        .hasMessageContaining("'zz'").hasMessageContaining("not defined in the template");
    assertThatThrownBy(() -> ResourcePlanner.plan(bind("{\"resources\":[{\"type\":\"Microsoft.KeyVault/vaults/"
        + "accessPolicies\",\"apiVersion\":\"1\",\"name\":\"/add\"}]}", null))).hasMessageContaining("empty segment");
    assertThatThrownBy(() -> ResourcePlanner.plan(bind("{\"resources\":[{\"type\":\"A.B/c\",\"apiVersion\":\"1\","
        + "\"name\":\"[reference('x', '1').name]\"}]}", null)))
        .hasMessageContaining("'reference' is not expected at this location");
    assertThatThrownBy(() -> ResourcePlanner.plan(bind(twoResources("[]", "[]").replace("\"b\"", "\"a\""), null)))
        .hasMessageContaining("defined multiple times");
  }
}
