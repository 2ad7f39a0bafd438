package io.coffer.control.deployments.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.control.deployments.template.Expression.Call;
import io.coffer.control.deployments.template.Expression.Index;
import io.coffer.control.deployments.template.Expression.Literal;
import io.coffer.control.deployments.template.Expression.Property;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
  @Test
  void bracketedStringsAreExpressions_doubledBracketIsALiteral() {
    assertThat(ExpressionParser.isExpression("[parameters('a')]")).isTrue();
    assertThat(ExpressionParser.isExpression("[[parameters('a')]")).isFalse();
    assertThat(ExpressionParser.literal("[[not an expression]")).isEqualTo("[not an expression]");
    assertThat(ExpressionParser.isExpression("plain")).isFalse();
    assertThat(ExpressionParser.isExpression("[missing end")).isFalse();
  }

  @Test
  void nestedCallsWithPropertyAccess() {
    Expression e = ExpressionParser.parse(
        "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('n')), '2018-11-30').clientId]");
    assertThat(e).isInstanceOf(Property.class);
    Property p = (Property) e;
    assertThat(p.name()).isEqualTo("clientId");
    Call reference = (Call) p.target();
    assertThat(reference.name()).isEqualTo("reference");
    assertThat(reference.args()).hasSize(2);
    Call resourceId = (Call) reference.args().get(0);
    assertThat(resourceId.name()).isEqualTo("resourceId");
    assertThat(((Literal) resourceId.args().get(0)).value().textValue())
        .isEqualTo("Microsoft.ManagedIdentity/userAssignedIdentities");
    assertThat(((Call) resourceId.args().get(1)).name()).isEqualTo("parameters");
    assertThat(((Literal) reference.args().get(1)).value().textValue()).isEqualTo("2018-11-30");
  }

  @Test
  void quotesAreDoubledInsideStrings_andSpacesAreAllowedBetweenTokens() {
    Call c = (Call) ExpressionParser.parse("[ concat ( 'it''s' , 'a''''b' ) ]");
    assertThat(((Literal) c.args().get(0)).value().textValue()).isEqualTo("it's");
    assertThat(((Literal) c.args().get(1)).value().textValue()).isEqualTo("a''b");
  }

  @Test
  void indexAccessWithStringsIntegersAndChains() {
    Expression e = ExpressionParser.parse("[variables('v')['key'][-1].x]");
    Property x = (Property) e;
    Index byInt = (Index) x.target();
    assertThat(((Literal) byInt.index()).value().longValue()).isEqualTo(-1);
    Index byKey = (Index) byInt.target();
    assertThat(((Literal) byKey.index()).value().textValue()).isEqualTo("key");
  }

  @Test
  void callsWithoutArguments() {
    Property p = (Property) ExpressionParser.parse("[resourceGroup().location]");
    assertThat(((Call) p.target()).args()).isEmpty();
  }

  @Test
  void malformedExpressionsAreRefusedWithWhereAndWhy() {
    assertThatThrownBy(() -> ExpressionParser.parse("[concat('a', 'b']")).isInstanceOf(TemplateException.class)
        .hasMessageContaining("',' or ')' expected");
    assertThatThrownBy(() -> ExpressionParser.parse("[concat('a)]")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> ExpressionParser.parse("[parameters('a') x]")).hasMessageContaining("unexpected 'x'");
    assertThatThrownBy(() -> ExpressionParser.parse("[parameters]")).hasMessageContaining("must be a function call");
    assertThatThrownBy(() -> ExpressionParser.parse("[ ]")).hasMessageContaining("empty");
    assertThatThrownBy(() -> ExpressionParser.parse("[resourceGroup().]")).hasMessageContaining("property name");
    assertThatThrownBy(() -> ExpressionParser.parse("[variables('v')['k']")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> ExpressionParser.parse("[f(,)]")).isInstanceOf(TemplateException.class);
  }
}
