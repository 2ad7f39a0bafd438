package io.coffer.control.deployments.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coffer.common.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionsTest {
  private static final String UAMI = "/subscriptions/sub-1/resourceGroups/rg/providers/"
      + "Microsoft.ManagedIdentity/userAssignedIdentities/id1";
  private FakeScope scope;
  private Evaluator ev;

  @BeforeEach
  void setUp() {
    scope = new FakeScope();
    scope.parameters.put("name", JsonNodeFactory.instance.textNode("id1"));
    scope.parameters.put("count", JsonNodeFactory.instance.numberNode(3));
    scope.variables.put("obj", Json.parse("{\"Key\":\"v\",\"list\":[10,20,30]}"));
    scope.resources.put(UAMI, Json.parse("{\"id\":\"" + UAMI + "\",\"properties\":{\"clientId\":\"c-1\","
        + "\"principalId\":\"p-1\"}}"));
    ev = new Evaluator(scope);
  }

  private JsonNode eval(String expression) {
    return ev.string(expression);
  }

  private String text(String expression) {
    return eval(expression).textValue();
  }

  @Test
  void parametersAndVariables() {
    assertThat(text("[parameters('name')]")).isEqualTo("id1");
    assertThat(eval("[parameters('count')]").longValue()).isEqualTo(3);
    assertThat(text("[variables('obj').key]")).isEqualTo("v"); // property names ignore case
    assertThat(eval("[variables('obj').list[1]]").longValue()).isEqualTo(20);
    assertThat(text("[variables('obj')['Key']]")).isEqualTo("v");
    assertThatThrownBy(() -> eval("[parameters('nope')]")).hasMessageContaining("'nope'");
  }

  @Test
  void functionNamesIgnoreCase() {
    assertThat(text("[resourceID('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name'))]"))
        .isEqualTo(UAMI);
    assertThat(text("[RESOURCEID('Microsoft.ManagedIdentity/userAssignedIdentities', 'id1')]")).isEqualTo(UAMI);
    assertThat(text("[Concat('a', 'b')]")).isEqualTo("ab");
  }

  @Test
  void resourceIdBuildsGroupIdsWithChildNamesInterleaved() {
    assertThat(text("[resourceId('Microsoft.KeyVault/vaults/accessPolicies', 'v1', 'add')]"))
        .isEqualTo("/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v1/accessPolicies/add");
    assertThat(text("[resourceId('other', 'Microsoft.KeyVault/vaults', 'v1')]"))
        .isEqualTo("/subscriptions/sub-1/resourceGroups/other/providers/Microsoft.KeyVault/vaults/v1");
    assertThat(text("[resourceId('sub-2', 'other', 'Microsoft.KeyVault/vaults', 'v1')]"))
        .isEqualTo("/subscriptions/sub-2/resourceGroups/other/providers/Microsoft.KeyVault/vaults/v1");
    assertThatThrownBy(() -> eval("[resourceId('Microsoft.KeyVault/vaults/accessPolicies', 'v1')]"))
        .hasMessageContaining("needs 2 name segment(s)");
    assertThatThrownBy(() -> eval("[resourceId('a', 'b')]")).hasMessageContaining("no resource type");
    assertThat(text("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'r1')]"))
        .isEqualTo("/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/r1");
  }

  @Test
  void resourceGroupSubscriptionAndDeployment() {
    assertThat(text("[resourceGroup().location]")).isEqualTo("westeurope");
    assertThat(text("[resourceGroup().name]")).isEqualTo("rg");
    assertThat(text("[resourceGroup().id]")).isEqualTo("/subscriptions/sub-1/resourceGroups/rg");
    assertThat(text("[subscription().tenantId]")).isEqualTo("tenant-1");
    assertThat(text("[subscription().subscriptionId]")).isEqualTo("sub-1");
    assertThat(text("[deployment().name]")).isEqualTo("dep");
    assertThatThrownBy(() -> eval("[resourceGroup('x')]")).hasMessageContaining("expects 0 argument(s)");
  }

  @Test
  void referenceReturnsPropertiesOrTheWholeResource() {
    assertThat(text("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', "
        + "parameters('name')), '2018-11-30').clientId]")).isEqualTo("c-1");
    assertThat(text("[reference('" + UAMI + "', '2018-11-30', 'Full').id]")).isEqualTo(UAMI);
    assertThat(scope.referenced).containsExactly(UAMI + "@2018-11-30", UAMI + "@2018-11-30/full");
    assertThatThrownBy(() -> eval("[reference('" + UAMI + "', '2018-11-30', 'Partial')]"))
        .hasMessageContaining("'Full'");
    assertThatThrownBy(() -> eval("[reference('" + UAMI + "', '2018-11-30').missing]"))
        .hasMessageContaining("'missing' doesn't exist").hasMessageContaining("clientId, principalId");
  }

  @Test
  void concatJoinsStringsOrArrays() {
    assertThat(text("[concat(parameters('name'), '/add')]")).isEqualTo("id1/add");
    assertThat(text("[concat('n', 1, true())]")).isEqualTo("n1True");
    assertThat(eval("[concat(createArray(1, 2), createArray(3))]").toString()).isEqualTo("[1,2,3]");
    assertThatThrownBy(() -> eval("[concat('a', createObject('k', 'v'))]")).hasMessageContaining("cannot take an object");
  }

  @Test
  void formatFillsPlaceholdersAndKeepsEscapedBraces() {
    assertThat(text("[format('{0}-{1}-{0}', 'a', 2)]")).isEqualTo("a-2-a");
    assertThat(text("[format('{{literal}} {0:D}', 'x')]")).isEqualTo("{literal} x");
    assertThatThrownBy(() -> eval("[format('{1}', 'a')]")).hasMessageContaining("has no argument");
    assertThatThrownBy(() -> eval("[format('{x}', 'a')]")).hasMessageContaining("not a format item");
  }

  @Test
  void caseFunctions() {
    assertThat(text("[toLower('MyReg')]")).isEqualTo("myreg");
    assertThat(text("[toUpper('MyReg')]")).isEqualTo("MYREG");
    assertThatThrownBy(() -> eval("[toLower(1)]")).hasMessageContaining("must be a string");
  }

  @Test
  void uniqueStringAndGuidAreDeterministicPerInput() {
    String a = text("[uniqueString(resourceGroup().id)]");
    assertThat(a).matches("[a-z2-7]{13}").isEqualTo(text("[uniqueString('/subscriptions/sub-1/resourceGroups/rg')]"));
    assertThat(text("[uniqueString('x', 'y')]")).isNotEqualTo(text("[uniqueString('x', 'z')]"));
    String g = text("[guid('a', 'b')]");
    assertThat(g).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").isEqualTo(text("[guid('a', 'b')]"));
    assertThat(g).isNotEqualTo(text("[guid('a', 'c')]"));
  }

  @Test
  void ifEvaluatesOnlyTheBranchItTakes() {
    assertThat(text("[if(equals(parameters('name'), 'id1'), 'yes', parameters('missing'))]")).isEqualTo("yes");
    assertThat(text("[if(false(), parameters('missing'), 'no')]")).isEqualTo("no");
    assertThatThrownBy(() -> eval("[if('true', 'a', 'b')]")).hasMessageContaining("must be a boolean");
    assertThatThrownBy(() -> eval("[if(true(), 'a')]")).hasMessageContaining("expects 3 arguments");
  }

  @Test
  void logic() {
    assertThat(eval("[equals(parameters('count'), 3)]").booleanValue()).isTrue();
    assertThat(eval("[equals('a', 'A')]").booleanValue()).isFalse();
    assertThat(eval("[equals(createArray(1, 'x'), createArray(1, 'x'))]").booleanValue()).isTrue();
    assertThat(eval("[not(equals(1, 2))]").booleanValue()).isTrue();
    assertThat(eval("[and(true(), true(), false())]").booleanValue()).isFalse();
    assertThat(eval("[or(false(), true())]").booleanValue()).isTrue();
    assertThat(eval("[null()]").isNull()).isTrue();
    assertThatThrownBy(() -> eval("[and(true(), 'x')]")).hasMessageContaining("argument 2 must be a boolean");
  }

  @Test
  void conversions() {
    assertThat(text("[string(42)]")).isEqualTo("42");
    assertThat(text("[string(createObject('a', 1))]")).isEqualTo("{\"a\":1}");
    assertThat(eval("[int('17')]").longValue()).isEqualTo(17);
    assertThatThrownBy(() -> eval("[int('x')]")).hasMessageContaining("not an integer");
    assertThat(eval("[bool('True')]").booleanValue()).isTrue();
    assertThat(eval("[bool(0)]").booleanValue()).isFalse();
    assertThat(eval("[json('{\"a\":[1]}').a[0]]").longValue()).isEqualTo(1);
    assertThatThrownBy(() -> eval("[json('{')]")).hasMessageContaining("not JSON");
  }

  @Test
  void collections() {
    assertThat(eval("[length('abc')]").longValue()).isEqualTo(3);
    assertThat(eval("[length(variables('obj').list)]").longValue()).isEqualTo(3);
    assertThat(eval("[empty('')]").booleanValue()).isTrue();
    assertThat(eval("[empty(createArray(1))]").booleanValue()).isFalse();
    assertThat(eval("[contains('registry', 'gist')]").booleanValue()).isTrue();
    assertThat(eval("[contains(variables('obj').list, 20)]").booleanValue()).isTrue();
    assertThat(eval("[contains(variables('obj'), 'key')]").booleanValue()).isTrue();
    assertThat(text("[replace('a-b-c', '-', '.')]")).isEqualTo("a.b.c");
    assertThat(eval("[createObject('k', 'v', 'n', 1)]").toString()).isEqualTo("{\"k\":\"v\",\"n\":1}");
    assertThatThrownBy(() -> eval("[createObject('k')]")).hasMessageContaining("pairs");
    assertThat(text("[coalesce(null(), 'first', 'second')]")).isEqualTo("first");
  }

  @Test
  void unknownFunctionsAndBadIndexesAreNamed() {
    assertThatThrownBy(() -> eval("[listKeys('x', '2020-01-01')]"))
        .hasMessageContaining("'listKeys' is not valid or not supported");
    assertThatThrownBy(() -> eval("[variables('obj').list[5]]")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> eval("[parameters('name').x]")).hasMessageContaining("not an object");
  }

  @Test
  void resolveEvaluatesNestedValuesAndObjectKeys() {
    JsonNode body = ev.resolve(Json.parse("{\"identity\":{\"userAssignedIdentities\":{"
        + "\"[resourceID('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name'))]\":{}}},"
        + "\"list\":[\"[parameters('count')]\", \"[[literal]\", 5, true]}"));
    assertThat(body.path("identity").path("userAssignedIdentities").has(UAMI)).isTrue();
    assertThat(body.path("list").toString()).isEqualTo("[3,\"[literal]\",5,true]");
  }
}
