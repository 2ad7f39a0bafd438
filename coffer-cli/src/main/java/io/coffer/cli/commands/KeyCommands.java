package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CommandGroup;
import io.coffer.cli.CofferCommand;
import io.coffer.cli.http.UrlPaths;
import io.coffer.cli.http.VaultClient;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coffer keyvault key}: keys in a vault, as {@code az keyvault key}. The vault's data plane
 * is found through its {@code properties.vaultUri} and called with a token for the vault audience.
 */
@Command(name = "key",
    description = "Manage the keys of a key vault.",
    subcommands = {KeyCommands.Create.class, KeyCommands.Show.class, KeyDownloadCommand.class, KeyCommands.ListKeys.class,
        KeyCommands.ListVersions.class, KeyCommands.SetAttributes.class, KeyCommands.Rotate.class,
        KeyCommands.Delete.class, KeyCommands.Recover.class, KeyCommands.Purge.class, KeyCommands.ListDeleted.class,
        KeyImportCommand.class, KeyBackupCommands.Backup.class, KeyBackupCommands.Restore.class,
        KeyRotationPolicyCommands.class})
public final class KeyCommands extends CommandGroup {

  static String keyPath(String name, String version) {
    return "/keys/" + UrlPaths.segment(name) + "/" + (version == null ? "" : UrlPaths.segment(version));
  }

  /** A command on a vault named by {@code --vault-name}. */
  abstract static class VaultKeyCommand extends CofferCommand {
    @Option(names = "--vault-name", required = true, paramLabel = "<vault>", description = "Name of the key vault.")
    String vaultName;

    VaultClient client() {
      return vault(Vaults.vaultUri(Vaults.get(arm(), null, vaultName)));
    }
  }

  /** A command on one key: {@code --vault-name} and {@code --name}. */
  abstract static class NamedKeyCommand extends VaultKeyCommand {
    @Option(names = {"--name", "-n"}, required = true, paramLabel = "<key>", description = "Name of the key.")
    String name;
  }

  @Command(name = "create", description = {"Create a key, or a new version of it when the name exists.",
      "Default: an RSA 2048-bit key with every operation allowed."},
      footerHeading = "%nExamples%n",
      footer = {"  coffer keyvault key create --vault-name myvault --name mykey",
          "  coffer keyvault key create --vault-name myvault -n hsmkey --kty RSA-HSM --size 3072 --ops wrapKey unwrapKey",
          "  coffer keyvault key create --vault-name myvault -n eckey --kty EC --curve P-384"})
  public static final class Create extends NamedKeyCommand {
    @Option(names = "--kty", paramLabel = "<kty>", description = "Key type: RSA, RSA-HSM, EC, EC-HSM. Default: RSA.")
    String kty;

    @Option(names = "--size", paramLabel = "<bits>", description = "RSA key size: 2048, 3072, 4096. Default: 2048.")
    Integer size;

    @Option(names = "--curve", paramLabel = "<curve>", description = "Elliptic curve of an EC key: P-256, P-384, P-521.")
    String curve;

    @Option(names = "--protection", paramLabel = "<protection>",
        description = "Where the private key lives: software, or hsm (the vault's PKCS#11 token; premium vaults).")
    String protection;

    @Mixin KeyAttributeOptions options;

    @Override
    protected JsonNode execute() {
      ObjectNode body = body();
      return KeyOutput.key(client().post(keyPath(name, null) + "create", body));
    }

    private ObjectNode body() {
      String type = kty == null ? "RSA" : KeyArguments.choice("--kty", kty, KeyArguments.KTYS);
      if (protection != null) {
        String p = KeyArguments.choice("--protection", protection, List.of("software", "hsm"));
        String base = type.replace("-HSM", "");
        type = p.equals("hsm") ? base + "-HSM" : base;
      }
      boolean ec = type.startsWith("EC");
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("kty", type);
      if (size != null) {
        if (ec) throw KeyArguments.usage("argument --size: only RSA keys have a size; EC keys take --curve.");
        if (!KeyArguments.SIZES.contains(size)) {
          throw KeyArguments.usage("argument --size: invalid choice: " + size + " (choose from 2048, 3072, 4096)");
        }
        body.put("key_size", size);
      }
      if (curve != null) {
        if (!ec) throw KeyArguments.usage("argument --curve: only EC keys have a curve; RSA keys take --size.");
        body.put("crv", KeyArguments.choice("--curve", curve, KeyArguments.CURVES));
      }
      ArrayNode ops = options.keyOps();
      if (ops != null) body.set("key_ops", ops);
      options.addTo(body);
      return body;
    }
  }

  @Command(name = "show", description = "Show a key: its latest version, a given --version, or the key of --id.",
      footerHeading = "%nExamples%n",
      footer = {"  keyID=$(coffer keyvault key show --name mykey --vault-name myvault --query 'key.kid' --output tsv)",
          "  coffer keyvault key show --id https://myvault.vault.localhost:5080/keys/mykey/<version>"})
  public static final class Show extends KeyTargetCommand {
    @Override
    protected JsonNode execute() {
      return KeyOutput.key(fetch());
    }
  }

  /** A command on one key version, named by {@code --vault-name}, {@code --name}, {@code --version} or by {@code --id}. */
  abstract static class KeyTargetCommand extends CofferCommand {
    @Option(names = "--vault-name", paramLabel = "<vault>", description = "Name of the key vault.")
    String vaultName;

    @Option(names = {"--name", "-n"}, paramLabel = "<key>", description = "Name of the key.")
    String name;

    @Option(names = {"--version", "-v"}, paramLabel = "<version>", description = "Key version. Default: the latest.")
    String version;

    @Option(names = "--id", paramLabel = "<kid>",
        description = "Key id (https://{vault}.{domain}/keys/{name}[/{version}]); replaces --vault-name, --name, --version.")
    String id;

    /** The key bundle as the vault returns it. */
    JsonNode fetch() {
      if (id != null) {
        if (vaultName != null || name != null || version != null) {
          throw KeyArguments.usage("argument --id: not allowed with --vault-name, --name or --version.");
        }
        KeyId kid = KeyId.parse(id);
        return vault(kid.vaultUri()).get(keyPath(kid.name(), kid.version()));
      }
      if (vaultName == null || name == null) {
        throw KeyArguments.usage("the following arguments are required: --vault-name and --name, or --id.");
      }
      return vault(Vaults.vaultUri(Vaults.get(arm(), null, vaultName))).get(keyPath(name, version));
    }
  }

  @Command(name = "list", description = "List the keys of a vault (their versionless ids).")
  public static final class ListKeys extends VaultKeyCommand {
    @Option(names = "--maxresults", paramLabel = "<n>", description = "Return at most this many keys (1-25).")
    Integer maxResults;

    @Override
    protected JsonNode execute() {
      KeyArguments.checkMaxResults(maxResults);
      String query = maxResults == null ? "/keys" : "/keys?maxresults=" + maxResults;
      return KeyOutput.items(client().list(query, maxResults), false);
    }
  }

  @Command(name = "list-versions", description = "List the versions of a key (their versioned ids).")
  public static final class ListVersions extends NamedKeyCommand {
    @Option(names = "--maxresults", paramLabel = "<n>", description = "Return at most this many versions (1-25).")
    Integer maxResults;

    @Override
    protected JsonNode execute() {
      KeyArguments.checkMaxResults(maxResults);
      String path = keyPath(name, null) + "versions" + (maxResults == null ? "" : "?maxresults=" + maxResults);
      return KeyOutput.items(client().list(path, maxResults), false);
    }
  }

  @Command(name = "set-attributes", description = "Update a key version's attributes, permitted operations or tags.",
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault key set-attributes --vault-name myvault -n mykey --enabled false")
  public static final class SetAttributes extends NamedKeyCommand {
    @Option(names = {"--version", "-v"}, paramLabel = "<version>", description = "Key version. Default: the latest.")
    String version;

    @Option(names = "--enabled", arity = "1", paramLabel = "<true|false>", description = "Enable or disable the key.")
    Boolean enabled;

    @Option(names = "--expires", paramLabel = "<date-time>", description = "Expiry, ISO-8601 (UTC when no offset).")
    String expires;

    @Option(names = "--not-before", paramLabel = "<date-time>",
        description = "Not usable before this time, ISO-8601 (UTC when no offset).")
    String notBefore;

    @Option(names = "--ops", arity = "1..*", paramLabel = "<op>", description = "Space-separated permitted operations.")
    List<String> ops;

    @Option(names = "--tags", arity = "0..*", paramLabel = "<key[=value]>",
        description = "Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.")
    List<String> tags;

    @Override
    protected JsonNode execute() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (enabled != null || expires != null || notBefore != null) {
        ObjectNode attributes = body.putObject("attributes");
        if (enabled != null) attributes.put("enabled", enabled);
        if (expires != null) attributes.put("exp", KeyArguments.epoch("--expires", expires));
        if (notBefore != null) attributes.put("nbf", KeyArguments.epoch("--not-before", notBefore));
      }
      if (ops != null) body.set("key_ops", KeyArguments.ops(ops));
      if (tags != null) body.set("tags", Tags.parse(tags));
      if (body.isEmpty()) {
        throw KeyArguments.usage("Nothing to update: give at least one of --enabled, --expires, --not-before, "
            + "--ops, --tags.");
      }
      return KeyOutput.key(client().patch(keyPath(name, version), body));
    }
  }

  @Command(name = "rotate", description = "Create a new version of a key now, as its rotation policy would.")
  public static final class Rotate extends NamedKeyCommand {
    @Override
    protected JsonNode execute() {
      return KeyOutput.key(client().post(keyPath(name, null) + "rotate", null));
    }
  }

  @Command(name = "delete", description = {"Delete a key and all its versions.",
      "The key is soft-deleted: 'keyvault key recover' brings it back until the vault's retention period ends."})
  public static final class Delete extends NamedKeyCommand {
    @Override
    protected JsonNode execute() {
      return KeyOutput.deletedKey(client().delete("/keys/" + UrlPaths.segment(name)));
    }
  }

  @Command(name = "recover", description = "Recover a soft-deleted key with all its versions.")
  public static final class Recover extends NamedKeyCommand {
    @Override
    protected JsonNode execute() {
      return KeyOutput.key(client().post("/deletedkeys/" + UrlPaths.segment(name) + "/recover", null));
    }
  }

  @Command(name = "purge", description = "Permanently delete a soft-deleted key (refused under purge protection).")
  public static final class Purge extends NamedKeyCommand {
    @Override
    protected JsonNode execute() {
      client().delete("/deletedkeys/" + UrlPaths.segment(name));
      return null;
    }
  }

  @Command(name = "list-deleted", description = "List the soft-deleted keys of a vault.")
  public static final class ListDeleted extends VaultKeyCommand {
    @Option(names = "--maxresults", paramLabel = "<n>", description = "Return at most this many keys (1-25).")
    Integer maxResults;

    @Override
    protected JsonNode execute() {
      KeyArguments.checkMaxResults(maxResults);
      String path = "/deletedkeys" + (maxResults == null ? "" : "?maxresults=" + maxResults);
      return KeyOutput.items(client().list(path, maxResults), true);
    }
  }

  /** A key id: {@code scheme://host[:port]/keys/{name}[/{version}]}, nothing before {@code /keys}. */
  record KeyId(String vaultUri, String name, String version) {
    static KeyId parse(String id) {
      URI uri;
      try {
        uri = URI.create(id.trim());
      } catch (IllegalArgumentException e) {
        throw KeyArguments.usage("argument --id: '" + id + "' is not a key id URL.");
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      String[] parts = path.split("/", -1);
      boolean shape = uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null
          && parts.length >= 3 && parts.length <= 4 && parts[0].isEmpty() && parts[1].equalsIgnoreCase("keys")
          && !parts[2].isEmpty();
      if (!shape) {
        throw KeyArguments.usage("argument --id: '" + id
            + "' is not a key id of the form https://{vault}.{domain}/keys/{name}[/{version}].");
      }
      String version = parts.length == 4 && !parts[3].isEmpty() ? parts[3] : null;
      return new KeyId(uri.getScheme() + "://" + uri.getRawAuthority() + "/", parts[2], version);
    }
  }
}
