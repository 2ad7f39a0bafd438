package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyvault network-rule}: the vault firewall's IP rules, as az edits them (read, change, PATCH). */
@Command(name = "network-rule",
    description = "Manage the IP rules of a key vault's firewall (enforced when the default action is Deny).",
    subcommands = {NetworkRuleCommands.Add.class, NetworkRuleCommands.Remove.class, NetworkRuleCommands.ListRules.class})
public final class NetworkRuleCommands extends CommandGroup {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:/(\\d{1,3}))?");

  /** The vault's firewall, or the service's default when it has none. */
  static ObjectNode currentAcls(JsonNode vault) {
    JsonNode acls = vault.path("properties").path("networkAcls");
    ObjectNode out = acls.isObject() ? ((ObjectNode) acls).deepCopy() : JsonNodeFactory.instance.objectNode();
    if (!out.path("bypass").isTextual()) out.put("bypass", "AzureServices");
    if (!out.path("defaultAction").isTextual()) out.put("defaultAction", "Allow");
    if (!out.path("ipRules").isArray()) out.putArray("ipRules");
    if (!out.path("virtualNetworkRules").isArray()) out.putArray("virtualNetworkRules");
    return out;
  }

  /** Checks an IPv4/IPv6 address or CIDR before any call; a host name is not an IP rule. */
  static String checkIp(String value) {
    String v = value.trim();
    Matcher m4 = IPV4.matcher(v);
    boolean ok;
    if (m4.matches()) {
      ok = true;
      for (int i = 1; i <= 4; i++) ok &= Integer.parseInt(m4.group(i)) <= 255;
      ok &= m4.group(5) == null || Integer.parseInt(m4.group(5)) <= 32;
    } else {
      Matcher m6 = IPV6.matcher(v);
      ok = m6.matches() && (m6.group(1) == null || Integer.parseInt(m6.group(1)) <= 128);
      if (ok) {
        try {
          // Only a literal reaches here (it contains ':'), so this never asks a DNS server.
          java.net.InetAddress.getByName(v.contains("/") ? v.substring(0, v.indexOf('/')) : v);
        } catch (java.net.UnknownHostException e) {
          ok = false;
        }
      }
    }
    if (!ok) {
      throw new CliException("argument --ip-address: '" + value + "' is not an IPv4 or IPv6 address or CIDR range.",
          CliException.USAGE);
    }
    return v;
  }

  /** The same rule, whether written {@code 1.2.3.4} or {@code 1.2.3.4/32}. */
  static String canonical(String ip) {
    String v = ip.trim().toLowerCase(Locale.ROOT);
    if (v.contains("/")) return v;
    return v.contains(":") ? v + "/128" : v + "/32";
  }

  abstract static class RuleChange extends CofferCommand {
    @Mixin ExistingVault vault;

    @Option(names = "--ip-address", required = true, paramLabel = "<ip|cidr>",
        description = "IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.7 or 203.0.113.0/24.")
    String ipAddress;

    abstract void edit(ArrayNode rules, String ip);

    @Override
    protected JsonNode execute() {
      String ip = checkIp(ipAddress);
      ArmClient arm = arm();
      JsonNode current = vault.get(arm);
      ObjectNode acls = currentAcls(current);
      edit((ArrayNode) acls.get("ipRules"), ip);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("properties").set("networkAcls", acls);
      return arm.patch(Vaults.id(current), Vaults.API, body);
    }
  }

  @Command(name = "add", description = "Add an IP address or range to a key vault's firewall.",
      footerHeading = "%nExamples%n", footer = "  coffer keyvault network-rule add -n myvault --ip-address 203.0.113.0/24")
  public static final class Add extends RuleChange {
    @Override
    void edit(ArrayNode rules, String ip) {
      for (JsonNode rule : rules) {
        if (canonical(rule.path("value").asText("")).equals(canonical(ip))) return;
      }
      rules.addObject().put("value", ip);
    }
  }

  @Command(name = "remove", description = "Remove an IP address or range from a key vault's firewall.")
  public static final class Remove extends RuleChange {
    @Override
    void edit(ArrayNode rules, String ip) {
      for (int i = rules.size() - 1; i >= 0; i--) {
        if (canonical(rules.get(i).path("value").asText("")).equals(canonical(ip))) rules.remove(i);
      }
    }
  }

  @Command(name = "list", description = "List the IP and virtual-network rules of a key vault's firewall.")
  public static final class ListRules extends CofferCommand {
    @Mixin ExistingVault vault;

    @Override
    protected JsonNode execute() {
      ObjectNode acls = currentAcls(vault.get(arm()));
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.set("ipRules", acls.get("ipRules"));
      out.set("virtualNetworkRules", acls.get("virtualNetworkRules"));
      return out;
    }
  }
}
