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

/**
 * {@code coffer acr encryption}: a registry's customer-managed key, as {@code az acr encryption}.
 * The key is set when the registry is created ({@code acr create --key-encryption-key}); these
 * commands show it and rotate it.
 */
@Command(name = "encryption",
    description = {"Manage the customer-managed key of a container registry.",
        "The key is chosen when the registry is created (coffer acr create --identity --key-encryption-key)."},
    subcommands = {AcrEncryptionCommands.Show.class, AcrEncryptionCommands.RotateKey.class})
public final class AcrEncryptionCommands extends CommandGroup {

  /** The registry's {@code encryption}, or null (print nothing) when the server sent none. */
  static JsonNode encryption(JsonNode registry) {
    JsonNode encryption = registry == null ? null : registry.path("properties").get("encryption");
    return encryption == null || encryption.isNull() ? null : encryption;
  }

  @Command(name = "show", description = {"Show the encryption of a container registry.",
      "With a customer-managed key: the key id as configured, the versioned key id in use, the identity "
          + "(client id, or 'system'), whether the registry follows new key versions, the last rotation and "
          + "whether the key can be reached."},
      footerHeading = "%nExamples%n", footer = "  coffer acr encryption show --name myregistry")
  public static final class Show extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Override
    protected JsonNode execute() {
      return encryption(registry.read(arm()).body());
    }
  }

  @Command(name = "rotate-key", description = {"Rotate the customer-managed key of a container registry.",
      "The registry's data key is wrapped again under the new key; no content is re-encrypted. A key id without a "
          + "version makes the registry follow the key's new versions by itself."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer acr encryption rotate-key -n myregistry --key-encryption-key $keyID \\",
          "      --identity $identityPrincipalID",
          "  coffer acr encryption rotate-key -n myregistry --key-encryption-key $keyID \\",
          "      --identity [system]"})
  public static final class RotateKey extends CofferCommand {
    @Mixin ExistingRegistry registry;

    @Option(names = "--key-encryption-key", paramLabel = "<key id>",
        description = "Key id of the new key, e.g. https://myvault.vault.localhost:5443/keys/mykey[/version]. "
            + "Without a version, automatic rotation is on. Default: the key the registry has.")
    String keyEncryptionKey;

    @Option(names = "--identity", paramLabel = "<identity>",
        description = "Identity that reads the key: client or principal id, resource id or name of a user-assigned "
            + "identity of the registry. Use '[system]' for the system-assigned identity. Default: the identity the "
            + "registry uses.")
    String identity;

    @Override
    protected JsonNode execute() {
      ArmClient arm = arm();
      RegistryResource current = registry.read(arm);
      JsonNode vaultProperties = current.properties().path("encryption").path("keyVaultProperties");
      if (!vaultProperties.isObject()) {
        throw new CliException("usage error: key rotation is only applicable to registries with CMK enabled");
      }
      ObjectNode next = JsonNodeFactory.instance.objectNode();
      next.put("keyIdentifier", blank(keyEncryptionKey)
          ? vaultProperties.path("keyIdentifier").asText(null) : keyEncryptionKey.trim());
      next.put("identity", blank(identity) ? vaultProperties.path("identity").asText(null) : clientId(arm, current));
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putObject("properties").putObject("encryption").set("keyVaultProperties", next);
      return encryption(arm.patch(current.path(), Registries.API, body));
    }

    /** "system" is the service's reserved word for the registry's own identity. */
    private String clientId(ArmClient arm, RegistryResource current) {
      String reference = identity.trim();
      if (IdentityReferences.isSystem(reference)) return "system";
      return new IdentityReferences(arm, current.group(), current.identity().path("userAssignedIdentities"))
          .clientId(reference);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
