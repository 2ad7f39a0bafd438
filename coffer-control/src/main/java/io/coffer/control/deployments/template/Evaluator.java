package io.coffer.control.deployments.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.control.deployments.template.Expression.Call;
import io.coffer.control.deployments.template.Expression.Index;
import io.coffer.control.deployments.template.Expression.Literal;
import io.coffer.control.deployments.template.Expression.Property;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Evaluates expressions, and whole JSON values whose strings (object keys too) may be expressions. */
public final class Evaluator {
  private final Scope scope;

  public Evaluator(Scope scope) {
    this.scope = scope;
  }

  /** A copy of {@code value} with every expression string replaced by its value. */
  public JsonNode resolve(JsonNode value) {
    if (value == null) return null;
    if (value.isTextual()) return string(value.textValue());
    if (value.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      value.forEach(v -> out.add(resolve(v)));
      return out;
    }
    if (value.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode key = string(e.getKey());
        if (!key.isTextual()) {
          throw new TemplateException("The property name '" + e.getKey() + "' must evaluate to a string.");
        }
        out.set(key.textValue(), resolve(e.getValue()));
      }
      return out;
    }
    return value.deepCopy();
  }

  /** A template string: its expression's value, or the string itself. */
  public JsonNode string(String s) {
    if (!ExpressionParser.isExpression(s)) return JsonNodeFactory.instance.textNode(ExpressionParser.literal(s));
    return evaluate(ExpressionParser.parse(s));
  }

  /** A template string that must evaluate to a string ({@code what} names it in the error). */
  public String text(String s, String what) {
    JsonNode v = string(s);
    if (!v.isTextual()) throw new TemplateException(what + " must be a string; '" + s + "' is " + Values.kind(v) + ".");
    return v.textValue();
  }

  public JsonNode evaluate(Expression e) {
    if (e instanceof Literal l) return l.value();
    if (e instanceof Property p) return Values.property(evaluate(p.target()), p.name());
    if (e instanceof Index i) {
      JsonNode target = evaluate(i.target());
      JsonNode index = evaluate(i.index());
      if (index.isTextual()) return Values.property(target, index.textValue());
      if (index.isIntegralNumber() && target.isArray()) {
        long n = index.longValue();
        if (n < 0 || n >= target.size()) {
          throw new TemplateException("The index " + n + " is out of range: the array has " + target.size()
              + " elements.");
        }
        return target.get((int) n);
      }
      throw new TemplateException("Cannot index " + Values.kind(target) + " with " + Values.kind(index) + ".");
    }
    Call call = (Call) e;
    if (call.name().equalsIgnoreCase("if")) return conditional(call);
    List<JsonNode> args = new ArrayList<>(call.args().size());
    for (Expression a : call.args()) args.add(evaluate(a));
    return Functions.call(call.name(), args, scope);
  }

  /** {@code if} evaluates only the branch it takes, so the other may name what does not exist yet. */
  private JsonNode conditional(Call call) {
    if (call.args().size() != 3) {
      throw new TemplateException("The template function 'if' expects 3 arguments; got " + call.args().size() + ".");
    }
    JsonNode condition = evaluate(call.args().get(0));
    if (!condition.isBoolean()) {
      throw new TemplateException("The first argument of 'if' must be a boolean; got " + Values.kind(condition) + ".");
    }
    return evaluate(call.args().get(condition.booleanValue() ? 1 : 2));
  }
}
