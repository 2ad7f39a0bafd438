package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.ArmClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coffer acr config}: a registry's policies, as {@code az acr config}. */
@Command(name = "config", description = "Configure the policies of a container registry.",
    subcommands = {AcrConfigCommands.ContentTrust.class, AcrConfigCommands.Retention.class})
public final class AcrConfigCommands extends CommandGroup {
  static final String NOT_SUPPORTED = "Policies are only supported for managed registries in Premium SKU.";

  /** A policy's state; az prints and sends it in lower case. */
  public enum Status { enabled, disabled }

  /** The kinds of retention policy; az has one. */
  public enum RetentionType { UntaggedManifests }

  /** One policy of the registry ({@code trustPolicy}, {@code retentionPolicy}), or null. */
  static JsonNode policy(JsonNode registry, String name) {
    JsonNode policy = registry == null ? null : registry.path("properties").path("policies").get(name);
    return policy == null || policy.isNull() ? null : policy;
  }

  /** Reads the registry, checks its tier, PATCHes one policy and returns that policy as the server has it now. */
  abstract static class PolicyUpdate extends CofferCommand {
    @Mixin NamedRegistry registry;

    abstract String policyName();

    /** The policy to send, from the one the registry has (an empty object when it has none). */
    abstract ObjectNode next(ObjectNode current);

    /** Refuses bad arguments before anything is read or changed. */
    void check() {}

    @Override
    protected JsonNode execute() {
      check();
      ArmClient arm = arm();
      RegistryResource current = registry.read(arm);
      Registries.requirePremium(current.body(), NOT_SUPPORTED);
      JsonNode existing = policy(current.body(), policyName());
      ObjectNode policy = next(existing != null && existing.isObject()
          ? ((ObjectNode) existing).deepCopy() : JsonNodeFactory.instance.objectNode());
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("properties").putObject("policies").set(policyName(), policy);
      return policy(arm.patch(current.path(), Registries.API, body), policyName());
    }
  }

  @Command(name = "content-trust",
      description = {"Manage content trust (signed images) of a container registry.",
          "A registry encrypted with a customer-managed key cannot have content trust."},
      subcommands = {ContentTrustShow.class, ContentTrustUpdate.class})
  public static final class ContentTrust extends CommandGroup {}

  @Command(name = "show", description = "Show the content-trust policy of a container registry.")
  public static final class ContentTrustShow extends CofferCommand {
    @Mixin NamedRegistry registry;

    @Override
    protected JsonNode execute() {
      RegistryResource current = registry.read(arm());
      Registries.requirePremium(current.body(), NOT_SUPPORTED);
      JsonNode trust = policy(current.body(), "trustPolicy");
      // az prints {} when the registry has no policies at all.
      return trust != null ? trust : JsonNodeFactory.instance.objectNode();
    }
  }

  @Command(name = "update", description = "Turn content trust of a container registry on or off.",
      footerHeading = "%nExamples%n",
      footer = "  coffer acr config content-trust update -r myregistry --status enabled")
  public static final class ContentTrustUpdate extends PolicyUpdate {
    @Option(names = "--status", paramLabel = "<status>",
        description = "Whether the policy is on: ${COMPLETION-CANDIDATES}. Default: unchanged.")
    Status status;

    @Override
    String policyName() {
      return "trustPolicy";
    }

    @Override
    ObjectNode next(ObjectNode current) {
      if (!current.path("type").isTextual()) current.put("type", "Notary");
      if (status != null) current.put("status", status.name());
      return current;
    }
  }

  @Command(name = "retention",
      description = {"Manage the retention policy of a container registry.",
          "With the policy on, manifests without tags are deleted once they are older than the policy's days."},
      subcommands = {RetentionShow.class, RetentionUpdate.class})
  public static final class Retention extends CommandGroup {}

  @Command(name = "show", description = {"Show the retention policy of a container registry.",
      "Prints nothing when the registry has no policies."})
  public static final class RetentionShow extends CofferCommand {
    @Mixin NamedRegistry registry;

    @Override
    protected JsonNode execute() {
      RegistryResource current = registry.read(arm());
      Registries.requirePremium(current.body(), NOT_SUPPORTED);
      return policy(current.body(), "retentionPolicy");
    }
  }

  @Command(name = "update", description = "Change the retention policy of a container registry.",
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr config retention update -r myregistry --status enabled --days 30 \\",
          "      --type UntaggedManifests"})
  public static final class RetentionUpdate extends PolicyUpdate {
    @Option(names = "--type", required = true, paramLabel = "<type>",
        description = "What the policy retains: ${COMPLETION-CANDIDATES}.")
    RetentionType type;

    @Option(names = "--status", paramLabel = "<status>",
        description = "Whether the policy is on: ${COMPLETION-CANDIDATES}. Default: unchanged.")
    Status status;

    @Option(names = "--days", paramLabel = "<days>", defaultValue = "7",
        description = "Days to keep an untagged manifest before it is deleted, 0 to 365 (0 deletes it at once). "
            + "Default: ${DEFAULT-VALUE}.")
    int days;

    @Override
    String policyName() {
      return "retentionPolicy";
    }

    @Override
    void check() {
      if (days < 0 || days > 365) {
        throw new CliException("argument --days: must be between 0 and 365 (got " + days + ").", CliException.USAGE);
      }
    }

    @Override
    ObjectNode next(ObjectNode current) {
      // lastUpdatedTime is the server's to set.
      current.remove("lastUpdatedTime");
      current.put("days", days);
      if (status != null) current.put("status", status.name());
      else if (!current.path("status").isTextual()) current.put("status", Status.disabled.name());
      return current;
    }
  }
}
