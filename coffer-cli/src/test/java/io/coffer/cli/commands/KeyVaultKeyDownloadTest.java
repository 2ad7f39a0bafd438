package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.TestCli;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code keyvault key download}: the public key of the version the vault returns, as PEM or DER. */
class KeyVaultKeyDownloadTest extends VaultKeyCliTest {
  private static String b64(BigInteger i) {
    byte[] b = i.toByteArray();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b);
  }

  private static String padded(BigInteger i, int length) {
    byte[] b = i.toByteArray();
    byte[] out = new byte[length];
    int n = Math.min(b.length, length);
    System.arraycopy(b, b.length - n, out, length - n, n);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  @Test
  void download_rsaAsPem_isTheKeysSubjectPublicKeyInfo() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    RSAPublicKey rsa = (RSAPublicKey) g.generateKeyPair().getPublic();
    server.on("GET", "/keys/mykey/" + VERSION, 200, "{\"key\":{\"kid\":\"" + vaultUri + "keys/mykey/" + VERSION
        + "\",\"kty\":\"RSA-HSM\",\"n\":\"" + b64(rsa.getModulus()) + "\",\"e\":\"" + b64(rsa.getPublicExponent())
        + "\"},\"attributes\":{\"enabled\":true}}");
    Path file = dir.resolve("mykey.pem");

    TestCli.Result r = cli.run("keyvault", "key", "download", "--vault-name", "myvault", "-n", "mykey",
        "--version", VERSION, "--file", file.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    dataPlane("GET", "/keys/mykey/" + VERSION);
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    assertThat(read("RSA", der)).isEqualTo(rsa);
  }

  @Test
  void download_ecByIdAsDer_andAnExistingFileIsNeverOverwritten() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    ECPublicKey ec = (ECPublicKey) g.generateKeyPair().getPublic();
    server.on("GET", "/keys/eckey/", 200, "{\"key\":{\"kid\":\"" + vaultUri + "keys/eckey/" + VERSION
        + "\",\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + padded(ec.getW().getAffineX(), 48) + "\",\"y\":\""
        + padded(ec.getW().getAffineY(), 48) + "\"},\"attributes\":{\"enabled\":true}}");
    Path file = dir.resolve("eckey.der");

    TestCli.Result r = cli.run("keyvault", "key", "download", "--id", vaultUri + "keys/eckey", "-f", file.toString(),
        "-e", "der");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(read("EC", Files.readAllBytes(file))).isEqualTo(ec);

    TestCli.Result again = cli.run("keyvault", "key", "download", "--id", vaultUri + "keys/eckey", "-f",
        file.toString());
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
    assertThat(read("EC", Files.readAllBytes(file))).as("the file is untouched").isEqualTo(ec);
    server.single("GET", "/keys/eckey/"); // the second download was refused before any call
  }

  @Test
  void download_badEncoding_refusedBeforeAnyCall() {
    TestCli.Result r = cli.run("keyvault", "key", "download", "--vault-name", "myvault", "-n", "mykey", "-f",
        dir.resolve("k").toString(), "--encoding", "JWK");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("invalid choice: 'JWK'");
    assertThat(Files.exists(dir.resolve("k"))).isFalse();
  }

  private static PublicKey read(String algorithm, byte[] der) throws Exception {
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
  }
}
