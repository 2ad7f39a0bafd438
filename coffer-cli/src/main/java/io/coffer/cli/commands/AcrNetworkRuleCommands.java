package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coffer acr network-rule}: the IP rules of a registry's data plane, as
 * {@code az acr network-rule}. They are enforced when the default action is Deny
 * ({@code coffer acr update --default-action Deny}).
 */
@Command(name = "network-rule",
    description = {"Manage the IP rules of a container registry (enforced when its default action is Deny).",
        "Set the default action with 'coffer acr update --default-action Allow|Deny'."},
    subcommands = {AcrNetworkRuleCommands.Add.class, AcrNetworkRuleCommands.Remove.class,
        AcrNetworkRuleCommands.ListRules.class})
public final class AcrNetworkRuleCommands extends CommandGroup {
  static final String NOT_SUPPORTED = "Network rules are only supported for managed registries in Premium SKU.";

  /** The registry's rule set, or the service's default (allow all, no rules) when it has none. */
  static ObjectNode current(JsonNode registry) {
    JsonNode set = registry.path("properties").path("networkRuleSet");
    ObjectNode out = set.isObject() ? ((ObjectNode) set).deepCopy() : JsonNodeFactory.instance.objectNode();
    if (!out.path("defaultAction").isTextual()) out.put("defaultAction", "Allow");
    if (!out.path("ipRules").isArray()) out.putArray("ipRules");
    if (!out.path("virtualNetworkRules").isArray()) out.putArray("virtualNetworkRules");
    return out;
  }

  /** {@code {"properties":{"networkRuleSet":...}}}: the whole set, so nothing depends on how it is merged. */
  static ObjectNode update(ObjectNode ruleSet) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("properties").set("networkRuleSet", ruleSet);
    return body;
  }

  abstract static class RuleChange extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = "--ip-address", required = true, paramLabel = "<ip|cidr>",
        description = "IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.7 or 203.0.113.0/24.")
    String ipAddress;

    abstract void edit(ArrayNode rules, String ip);

    @Override
    protected JsonNode execute() {
      String ip = NetworkRuleCommands.checkIp(ipAddress);
      ArmClient arm = arm();
      RegistryResource current = registry.read(arm);
      Registries.requirePremium(current.body(), NOT_SUPPORTED);
      ObjectNode rules = current(current.body());
      edit((ArrayNode) rules.get("ipRules"), ip);
      return ArmOutput.flatten(arm.patch(current.path(), Registries.API, update(rules)));
    }

    static boolean same(JsonNode rule, String ip) {
      return NetworkRuleCommands.canonical(rule.path("value").asText("")).equals(NetworkRuleCommands.canonical(ip));
    }
  }

  @Command(name = "add", description = "Allow an IP address or range to reach a container registry.",
      footerHeading = "%nExamples%n",
      footer = "  coffer acr network-rule add -n myregistry --ip-address 203.0.113.0/24")
  public static final class Add extends RuleChange {
    @Override
    void edit(ArrayNode rules, String ip) {
      for (JsonNode rule : rules) if (same(rule, ip)) return;
      rules.addObject().put("action", "Allow").put("value", ip);
    }
  }

  @Command(name = "remove", description = "Remove an IP address or range from a container registry's rules.")
  public static final class Remove extends RuleChange {
    @Override
    void edit(ArrayNode rules, String ip) {
      for (int i = rules.size() - 1; i >= 0; i--) if (same(rules.get(i), ip)) rules.remove(i);
    }
  }

  @Command(name = "list", description = "List the IP and virtual-network rules of a container registry.")
  public static final class ListRules extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected JsonNode execute() {
      RegistryResource current = registry.read(arm());
      Registries.requirePremium(current.body(), NOT_SUPPORTED);
      ObjectNode rules = current(current.body());
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.set("ipRules", rules.get("ipRules"));
      out.set("virtualNetworkRules", rules.get("virtualNetworkRules"));
      return out;
    }
  }
}
