package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.CliException;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keyvault key backup} and {@code restore}: a key with all its versions as the vault's
 * opaque, protected blob, kept in a local file as raw bytes (base64url on the wire).
 */
final class KeyBackupCommands {
  private KeyBackupCommands() {}

  @Command(name = "backup", description = {"Back up a key, with all its versions, to a local file.",
      "The file is protected by the vault; only 'keyvault key restore' can read it. It is created owner-only "
          + "(0600) and never overwritten."},
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault key backup --vault-name myvault -n mykey --file mykey.backup")
  public static final class Backup extends KeyCommands.NamedKeyCommand {
    @Option(names = {"--file", "-f"}, required = true, paramLabel = "<file>",
        description = "Local file to write the backup to; must not exist.")
    Path file;

    @Override
    protected JsonNode execute() {
      KeyFiles.checkAbsent("--file", file);
      JsonNode answer = client().post(KeyCommands.keyPath(name, null) + "backup", null);
      KeyFiles.writeNew("--file", file, decode(answer == null ? null : answer.get("value")));
      return null;
    }

    private static byte[] decode(JsonNode value) {
      try {
        if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
          return Base64.getUrlDecoder().decode(value.textValue());
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new CliException("The vault's answer holds no backup value (a base64url string); nothing was written.");
    }
  }

  @Command(name = "restore", description = {"Restore a key, with all its versions, from a backup file.",
      "The key's name must not be in use in the vault (not even by a deleted key)."},
      footerHeading = "%nExamples%n",
      footer = "  coffer keyvault key restore --vault-name myvault --file mykey.backup")
  public static final class Restore extends KeyCommands.VaultKeyCommand {
    @Option(names = {"--file", "-f"}, required = true, paramLabel = "<file>",
        description = "Local file holding a backup made by 'keyvault key backup'.")
    Path file;

    @Override
    protected JsonNode execute() {
      byte[] backup = KeyFiles.read("--file", file);
      if (backup.length == 0) throw KeyArguments.usage("argument --file: the file '" + file + "' is empty.");
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("value", Base64.getUrlEncoder().withoutPadding().encodeToString(backup));
      return KeyOutput.key(client().post("/keys/restore", body));
    }
  }
}
