package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.TestCli;
import io.coffer.common.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code keyvault key import|backup|restore}: the PEM's private key goes to the vault as the JWK
 * the data plane takes (and nowhere else); backups are the vault's bytes, kept owner-only.
 */
class KeyVaultKeyImportBackupTest extends VaultKeyCliTest {
  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
  private static final char[] PASSWORD = "correct horse".toCharArray();
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();
  private static KeyPair rsa;

  @BeforeAll
  static void generateRsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    rsa = g.generateKeyPair();
  }

  // --- import -----------------------------------------------------------------------------------

  @Test
  void import_rsaPkcs8_putsTheKeysNumbersAsAJwk_andPrintsAsCreateDoes() throws Exception {
    String pem = pem(new JcaPKCS8Generator(rsa.getPrivate(), null));
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    server.on("PUT", "/keys/mykey", 200, keyBundle());

    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "mykey",
        "--pem-string", pem);

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(dataPlane("PUT", "/keys/mykey").body());
    assertThat(fieldNames(body)).containsExactly("key", "attributes");
    assertThat(body.get("attributes")).isEqualTo(Json.parse("{\"enabled\":true}"));
    assertRsaJwk(body.get("key"), "RSA");
    assertThat(Json.parse(r.out())).isEqualTo(KeyOutput.key(Json.parse(keyBundle())));
  }

  @Test
  void import_rsaPkcs1File_withEveryOption_hsm() throws Exception {
    String pem = pem(new JcaMiscPEMGenerator(rsa.getPrivate()));
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path file = dir.resolve("key.pem");
    Files.writeString(file, pem);
    server.on("PUT", "/keys/hsmkey", 200, keyBundle());

    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "--name", "hsmkey",
        "--pem-file", file.toString(), "--protection", "hsm", "--ops", "wrapKey", "unwrapKey", "--disabled",
        "--expires", "2030-01-01T00:00:00Z", "--not-before", "2024-06-01", "--tags", "purpose=cmk");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(dataPlane("PUT", "/keys/hsmkey").body());
    assertThat(body.get("Hsm").asBoolean()).isTrue();
    assertThat(body.get("attributes")).isEqualTo(Json.parse("{\"enabled\":false,\"exp\":1893456000,\"nbf\":1717200000}"));
    assertThat(body.get("tags")).isEqualTo(Json.parse("{\"purpose\":\"cmk\"}"));
    assertThat(body.at("/key/key_ops")).isEqualTo(Json.parse("[\"wrapKey\",\"unwrapKey\"]"));
    assertRsaJwk(body.get("key"), "RSA-HSM");
  }

  @Test
  void import_ecSec1_p256AndP384_coordinatesPaddedToTheFieldLength() throws Exception {
    for (String[] c : new String[][] {{"secp256r1", "P-256", "32"}, {"secp384r1", "P-384", "48"}}) {
      KeyPair ec = ecKeyPair(c[0]);
      String pem = sec1(ec);
      server.on("PUT", "/keys/ec" + c[2], 200, keyBundle());

      TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "ec" + c[2],
          "--pem-string", pem);

      assertThat(r.exitCode()).as(r.err()).isZero();
      assertEcJwk(Json.parse(dataPlane("PUT", "/keys/ec" + c[2]).body()).get("key"), ec, "EC", c[1],
          Integer.parseInt(c[2]));
    }
  }

  @Test
  void import_ecP521Pkcs8_hsm_66ByteNumbers() throws Exception {
    KeyPair ec = ecKeyPair("secp521r1");
    server.on("PUT", "/keys/big", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "big",
        "--pem-string", pem(new JcaPKCS8Generator(ec.getPrivate(), null)), "--protection", "HSM");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(dataPlane("PUT", "/keys/big").body());
    assertEcJwk(body.get("key"), ec, "EC-HSM", "P-521", 66);
    assertThat(body.get("Hsm").asBoolean()).isTrue();
  }

  @Test
  void import_encryptedPkcs8_withPassword() throws Exception {
    String pem = encryptedPkcs8();
    assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    server.on("PUT", "/keys/mykey", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "mykey",
        "--pem-string", pem, "--pem-password", new String(PASSWORD));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertRsaJwk(Json.parse(dataPlane("PUT", "/keys/mykey").body()).get("key"), "RSA");
  }

  @Test
  void import_opensslEncryptedEcKey_withPassword() throws Exception {
    // BouncyCastle's keys keep the curve inside SEC1, as OpenSSL writes it.
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = g.generateKeyPair();
    String pem = pem(new JcaMiscPEMGenerator(ec.getPrivate(),
        new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(PASSWORD)));
    assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----").contains("Proc-Type: 4,ENCRYPTED");
    server.on("PUT", "/keys/mykey", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "mykey",
        "--pem-string", pem, "--pem-password", new String(PASSWORD));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertEcJwk(Json.parse(dataPlane("PUT", "/keys/mykey").body()).get("key"), ec, "EC", "P-256", 32);
  }

  @Test
  void import_badPemOrArguments_clearUsageError_nothingSent() throws Exception {
    String pkcs8 = pem(new JcaPKCS8Generator(rsa.getPrivate(), null));
    String encrypted = encryptedPkcs8();
    Path file = dir.resolve("key.pem");
    Files.writeString(file, pkcs8);
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {"the following arguments are required: --pem-file or --pem-string", List.of()});
    cases.add(new Object[] {"not allowed with argument --pem-file",
        List.of("--pem-file", file.toString(), "--pem-string", pkcs8)});
    cases.add(new Object[] {"wrong --pem-password", List.of("--pem-string", encrypted, "--pem-password", "nope")});
    cases.add(new Object[] {"give its password with --pem-password", List.of("--pem-string", encrypted)});
    cases.add(new Object[] {"the private key is not encrypted",
        List.of("--pem-string", pkcs8, "--pem-password", "x")});
    cases.add(new Object[] {"holds a public key", List.of("--pem-string", pem(new PemObject("PUBLIC KEY",
        rsa.getPublic().getEncoded())))});
    cases.add(new Object[] {"holds only a certificate", List.of("--pem-string", pem(new JcaMiscPEMGenerator(
        certificate())))});
    cases.add(new Object[] {"no PEM private key found", List.of("--pem-string", "hello")});
    cases.add(new Object[] {"cannot be read", List.of("--pem-string",
        "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n")});
    cases.add(new Object[] {"only P-256, P-384 and P-521", List.of("--pem-string", secp256k1())});
    cases.add(new Object[] {"does not exist", List.of("--pem-file", dir.resolve("none.pem").toString())});
    cases.add(new Object[] {"BYOK files are not supported", List.of("--byok-file", file.toString())});
    cases.add(new Object[] {"invalid choice: 'cloud'", List.of("--pem-file", file.toString(), "--protection", "cloud")});
    cases.add(new Object[] {"invalid choice: 'fly'", List.of("--pem-file", file.toString(), "--ops", "fly")});
    for (Object[] c : cases) {
      List<String> args = new ArrayList<>(List.of("keyvault", "key", "import", "--vault-name", "myvault", "-n", "k"));
      @SuppressWarnings("unchecked")
      List<String> extra = (List<String>) c[1];
      args.addAll(extra);
      TestCli.Result r = cli.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(c[0] + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("ERROR: ").contains((String) c[0]).doesNotContain("MII");
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void import_debug_logsTheCallButNeverThePrivateKey() throws Exception {
    server.on("PUT", "/keys/mykey", 200, keyBundle());
    TestCli.Result r = cli.run("keyvault", "key", "import", "--vault-name", "myvault", "-n", "mykey",
        "--pem-string", pem(new JcaPKCS8Generator(rsa.getPrivate(), null)), "--debug");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode jwk = Json.parse(dataPlane("PUT", "/keys/mykey").body()).get("key");
    assertThat(r.err()).contains("DEBUG: Request: PUT " + vaultUri + "keys/mykey?api-version=7.5");
    for (String secret : List.of("d", "p", "q", "dp", "dq", "qi")) {
      String value = jwk.get(secret).asText();
      assertThat(r.err()).doesNotContain(value.substring(0, 24));
      assertThat(r.out()).doesNotContain(value.substring(0, 24));
    }
    assertThat(r.err()).doesNotContain("PRIVATE KEY").doesNotContain("\"key\"");
  }

  // --- backup and restore -----------------------------------------------------------------------

  @Test
  void backup_writesTheVaultsExactBytes_ownerOnly_printsNothing() throws Exception {
    byte[] blob = randomBytes(301);
    server.on("POST", "/keys/mykey/backup", 200,
        "{\"value\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(blob) + "\"}");
    Path file = dir.resolve("mykey.keybackup");

    TestCli.Result r = cli.run("keyvault", "key", "backup", "--vault-name", "myvault", "-n", "mykey",
        "--file", file.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(dataPlane("POST", "/keys/mykey/backup").body()).isEmpty();
    assertThat(Files.readAllBytes(file)).isEqualTo(blob);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void backup_existingFile_refusedBeforeAnyCall_andKept() throws Exception {
    Path file = dir.resolve("old.keybackup");
    Files.writeString(file, "an earlier backup");
    TestCli.Result r = cli.run("keyvault", "key", "backup", "--vault-name", "myvault", "-n", "mykey",
        "-f", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: ").contains("already exists");
    assertThat(Files.readString(file)).isEqualTo("an earlier backup");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void backup_refusedByTheVault_writesNoFile() {
    server.on("POST", "/keys/nokey/backup", 404,
        "{\"error\":{\"code\":\"KeyNotFound\",\"message\":\"A key with (name/id) nokey was not found in this key vault.\"}}");
    Path file = dir.resolve("nokey.keybackup");
    TestCli.Result r = cli.run("keyvault", "key", "backup", "--vault-name", "myvault", "-n", "nokey",
        "--file", file.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).startsWith("ERROR: (KeyNotFound)");
    assertThat(file).doesNotExist();
  }

  @Test
  void restore_sendsTheFileAsBase64urlWithoutPadding_andPrintsTheBundle() throws Exception {
    byte[] blob = randomBytes(302);
    Path file = dir.resolve("mykey.keybackup");
    Files.write(file, blob);
    server.on("POST", "/keys/restore", 200, keyBundle());

    TestCli.Result r = cli.run("keyvault", "key", "restore", "--vault-name", "myvault", "--file", file.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = Json.parse(dataPlane("POST", "/keys/restore").body());
    assertThat(fieldNames(body)).containsExactly("value");
    String value = body.get("value").asText();
    assertThat(value).doesNotContain("=").doesNotContain("+").doesNotContain("/");
    assertThat(B64URL.decode(value)).isEqualTo(blob);
    assertThat(Json.parse(r.out())).isEqualTo(KeyOutput.key(Json.parse(keyBundle())));
  }

  @Test
  void restore_missingOrEmptyFile_nothingSent() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.keybackup"));
    for (String[] c : new String[][] {{dir.resolve("none").toString(), "does not exist"},
        {empty.toString(), "is empty"}, {dir.toString(), "is a directory"}}) {
      TestCli.Result r = cli.run("keyvault", "key", "restore", "--vault-name", "myvault", "--file", c[0]);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("ERROR: ").contains(c[1]);
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void help_listsTheNewCommandsWithExamples() {
    assertThat(cli.run("keyvault", "key", "--help").out()).contains("import").contains("backup").contains("restore");
    for (String command : List.of("import", "backup", "restore")) {
      TestCli.Result r = cli.run("keyvault", "key", command, "--help");
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Examples").contains("coffer keyvault key " + command + " --vault-name myvault");
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static void assertRsaJwk(JsonNode jwk, String kty) {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
    assertThat(jwk.get("kty").asText()).isEqualTo(kty);
    assertThat(fieldNames(jwk)).containsExactlyInAnyOrderElementsOf(jwk.has("key_ops")
        ? List.of("kty", "key_ops", "n", "e", "d", "p", "q", "dp", "dq", "qi")
        : List.of("kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"));
    assertUnsigned(jwk, "n", k.getModulus());
    assertUnsigned(jwk, "e", k.getPublicExponent());
    assertUnsigned(jwk, "d", k.getPrivateExponent());
    assertUnsigned(jwk, "p", k.getPrimeP());
    assertUnsigned(jwk, "q", k.getPrimeQ());
    assertUnsigned(jwk, "dp", k.getPrimeExponentP());
    assertUnsigned(jwk, "dq", k.getPrimeExponentQ());
    assertUnsigned(jwk, "qi", k.getCrtCoefficient());
  }

  /** The number, as unsigned big-endian bytes with no leading zero, base64url without padding. */
  private static void assertUnsigned(JsonNode jwk, String field, BigInteger expected) {
    String text = jwk.get(field).asText();
    assertThat(text).as(field).doesNotContain("=");
    byte[] bytes = B64URL.decode(text);
    assertThat(bytes[0]).as(field + " leading byte").isNotZero();
    assertThat(new BigInteger(1, bytes)).as(field).isEqualTo(expected);
  }

  private static void assertEcJwk(JsonNode jwk, KeyPair ec, String kty, String crv, int length) {
    ECPublicKey pub = (ECPublicKey) ec.getPublic();
    assertThat(fieldNames(jwk)).containsExactlyInAnyOrder("kty", "crv", "x", "y", "d");
    assertThat(jwk.get("kty").asText()).isEqualTo(kty);
    assertThat(jwk.get("crv").asText()).isEqualTo(crv);
    assertPadded(jwk, "x", pub.getW().getAffineX(), length);
    assertPadded(jwk, "y", pub.getW().getAffineY(), length);
    assertPadded(jwk, "d", ((ECPrivateKey) ec.getPrivate()).getS(), length);
  }

  private static void assertPadded(JsonNode jwk, String field, BigInteger expected, int length) {
    String text = jwk.get(field).asText();
    assertThat(text).as(field).doesNotContain("=");
    byte[] bytes = B64URL.decode(text);
    assertThat(bytes).as(field).hasSize(length);
    assertThat(new BigInteger(1, bytes)).as(field).isEqualTo(expected);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static KeyPair ecKeyPair(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static String encryptedPkcs8() throws Exception {
    return pem(new JcaPKCS8Generator(rsa.getPrivate(),
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(PASSWORD).build()));
  }

  /** An OpenSSL-style SEC1 {@code EC PRIVATE KEY}: the curve's name and the public key inside. */
  private static String sec1(KeyPair ec) throws IOException {
    PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded());
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded());
    var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(((ECPrivateKey) ec.getPrivate()).getParams().getOrder()
        .bitLength(), ((ECPrivateKey) ec.getPrivate()).getS(), spki.getPublicKeyData(),
        pkcs8.getPrivateKeyAlgorithm().getParameters());
    String pem = pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
    return pem;
  }

  /** A PKCS#8 key on secp256k1, a curve the vault does not take (and the JDK no longer generates). */
  private static String secp256k1() throws IOException {
    PrivateKeyInfo info = new PrivateKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
        new org.bouncycastle.asn1.sec.ECPrivateKey(256, BigInteger.valueOf(123456789), null));
    return pem(new PemObject("PRIVATE KEY", info.getEncoded()));
  }

  private static java.security.cert.X509Certificate certificate() throws Exception {
    X500Name name = new X500Name("CN=test");
    Date now = new Date();
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now, new Date(now.getTime() + 86_400_000L),
        name, rsa.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa.getPrivate()));
    return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(PemObjectGenerator generator) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(generator);
    }
    return out.toString();
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new Random(n).nextBytes(bytes);
    return bytes;
  }
}
