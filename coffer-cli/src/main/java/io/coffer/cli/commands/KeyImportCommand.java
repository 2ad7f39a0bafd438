package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.cli.http.UrlPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coffer keyvault key import}: a private key from a PEM, sent as a JsonWebKey with
 * {@code PUT /keys/{name}}. The key is read and checked before any call, so a bad PEM or
 * password sends nothing; the request body is never logged (see CofferHttpClient).
 */
@Command(name = "import",
    description = {"Import a private key (PEM) into a vault as a new key, or a new version of it.",
    "The PEM holds an RSA or EC (P-256, P-384, P-521) private key: PKCS#8, PKCS#1 or SEC1, encrypted or not."},
    footerHeading = "%nExamples%n",
    footer = {"  coffer keyvault key import --vault-name myvault -n mykey --pem-file key.pem",
        "  coffer keyvault key import --vault-name myvault -n mykey --pem-file enc.pem \\",
        "      --pem-password \"$PW\" --ops wrapKey unwrapKey",
        "  coffer keyvault key import --vault-name myvault -n hsmkey --protection hsm \\",
        "      --pem-string \"$(cat key.pem)\""})
public final class KeyImportCommand extends KeyCommands.NamedKeyCommand {
  @Option(names = "--pem-file", paramLabel = "<file>", description = "PEM file holding the private key.")
  Path pemFile;

  @Option(names = "--pem-string", paramLabel = "<pem>", description = "The private key as PEM text.")
  String pemString;

  @Option(names = "--pem-password", paramLabel = "<password>", description = "Password of an encrypted PEM key.")
  String pemPassword;

  @Option(names = "--byok-file", paramLabel = "<file>", hidden = true,
      description = "Not supported: BYOK (key exchange key) files.")
  Path byokFile;

  @Option(names = "--protection", paramLabel = "<protection>",
      description = "Where the private key lives: software (default), or hsm (the vault's PKCS#11 token; "
          + "premium vaults).")
  String protection;

  @Mixin KeyAttributeOptions options;

  @Override
  protected JsonNode execute() {
    ObjectNode body = body();
    return KeyOutput.key(client().put("/keys/" + UrlPaths.segment(name), body));
  }

  private ObjectNode body() {
    if (byokFile != null) {
      throw KeyArguments.usage("argument --byok-file: BYOK files are not supported; import the key as a PEM "
          + "with --pem-file or --pem-string.");
    }
    if (pemFile != null && pemString != null) {
      throw KeyArguments.usage("argument --pem-string: not allowed with argument --pem-file.");
    }
    if (pemFile == null && pemString == null) {
      throw KeyArguments.usage("the following arguments are required: --pem-file or --pem-string.");
    }
    boolean hsm = protection != null
        && KeyArguments.choice("--protection", protection, List.of("software", "hsm")).equals("hsm");
    ArrayNode ops = options.keyOps();
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    options.addTo(body); // the attribute options are checked before the PEM is read
    ObjectNode jwk = PrivateJwk.of(PemPrivateKey.read(pem(),
        pemPassword == null ? null : pemPassword.toCharArray()), hsm);
    if (ops != null) jwk.set("key_ops", ops);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("key", jwk);
    if (hsm) out.put("Hsm", true);
    out.setAll(body);
    return out;
  }

  private String pem() {
    if (pemString != null) return pemString;
    // Latin-1 never fails to decode: a binary (DER) file then reads as "no PEM key found".
    return new String(KeyFiles.read("--pem-file", pemFile), StandardCharsets.ISO_8859_1);
  }
}
