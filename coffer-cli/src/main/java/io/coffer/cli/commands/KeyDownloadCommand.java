package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer keyvault key download}: the public part of a key version as a file, in PEM or
 * DER (SubjectPublicKeyInfo, {@code -----BEGIN PUBLIC KEY-----}), as {@code az keyvault key download}.
 */
@Command(name = "download", description = {"Download the public part of a key version to a file.",
    "The file holds a SubjectPublicKeyInfo (PEM: -----BEGIN PUBLIC KEY-----) and must not exist."},
    footerHeading = "%nExamples%n",
    footer = {"  coffer keyvault key download --vault-name myvault -n mykey --file mykey.pem",
        "  coffer keyvault key download --id https://myvault.vault.localhost:5080/keys/mykey/<version> -f k.der -e DER",
        "  openssl pkey -pubin -in mykey.pem -text -noout"})
public final class KeyDownloadCommand extends KeyCommands.KeyTargetCommand {
  private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1",
      "P-521", "secp521r1");

  @Option(names = {"--file", "-f"}, required = true, paramLabel = "<file>", description = "File to write; must not exist.")
  Path file;

  @Option(names = {"--encoding", "-e"}, paramLabel = "<encoding>", description = "PEM (default) or DER.")
  String encoding;

  @Override
  protected JsonNode execute() {
    boolean der = encoding != null && KeyArguments.choice("--encoding", encoding, List.of("PEM", "DER")).equals("DER");
    KeyFiles.checkAbsent("--file", file);
    byte[] spki = publicKey(fetch().path("key")).getEncoded();
    KeyFiles.writeNew("--file", file, der ? spki : pem(spki));
    return null;
  }

  private static PublicKey publicKey(JsonNode jwk) {
    String kty = jwk.path("kty").asText();
    try {
      if (kty.startsWith("RSA")) {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e")));
      }
      if (kty.startsWith("EC") && CURVES.containsKey(jwk.path("crv").asText())) {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(CURVES.get(jwk.path("crv").asText())));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
            new ECPoint(number(jwk, "x"), number(jwk, "y")), parameters.getParameterSpec(ECParameterSpec.class)));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CliException("The vault returned a key that cannot be read: " + e.getMessage());
    }
    throw new CliException("Keys of type '" + kty + "' have no public key to download.");
  }

  private static BigInteger number(JsonNode jwk, String field) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(field).asText()));
  }

  private static byte[] pem(byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return ("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
  }
}
