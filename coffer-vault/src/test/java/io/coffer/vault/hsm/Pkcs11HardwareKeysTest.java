package io.coffer.vault.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coffer.config.CofferConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs against SoftHSM2 (the token in SOFTHSM2_CONF, or SoftHSM2's system configuration). All
 * tests share one token label because SoftHSM2 shows a process only the tokens that existed when
 * it was loaded.
 */
class Pkcs11HardwareKeysTest {
  static final String LABEL = "coffer-test";
  static final String PIN = "coffer-test-pin";
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dataDir;
  private static Pkcs11HardwareKeys hsm;
  private static HardwareKeys.HsmKey rsa2048;

  static CofferConfig.Vault config(String label, String pin) {
    CofferConfig.Vault vault = new CofferConfig.Vault();
    vault.pkcs11TokenLabel = label;
    vault.pkcs11Pin = pin;
    return vault;
  }

  @BeforeAll
  static void openToken() throws Exception {
    assumeTrue(SoftHsm.installedLibrary().isPresent(),
        "SoftHSM2 is not installed (Debian package softhsm2): PKCS#11 hardware key tests skipped");
    hsm = Pkcs11HardwareKeys.open(config(LABEL, PIN), dataDir);
    rsa2048 = hsm.generateRsa(2048);
  }

  @ParameterizedTest
  @ValueSource(ints = {2048, 3072})
  void generateRsa_size_returnsPublicKeyOfThatSize(int bits) throws Exception {
    HardwareKeys.HsmKey key = hsm.generateRsa(bits);
    assertThat(key.alias()).startsWith("rsa-hsm-");
    RSAPublicKey publicKey = (RSAPublicKey) key.publicKey();
    assertThat(publicKey.getModulus().bitLength()).isEqualTo(bits);
    assertThat(publicKey.getPublicExponent().intValue()).isEqualTo(65537);
    byte[] secret = bytes(32);
    assertThat(hsm.decrypt(key.alias(), "RSA-OAEP-256", encrypt(key.publicKey(), "RSA-OAEP-256", secret)))
        .isEqualTo(secret);
  }

  @Test
  void generateRsa_unsupportedSize_throws() {
    assertThatThrownBy(() -> hsm.generateRsa(1024)).isInstanceOf(HsmException.class).hasMessageContaining("1024");
  }

  @Test
  void generateRsa_privateKey_staysInTheTokenAndCannotBeExtracted() throws Exception {
    PrivateKey key = hsm.privateKey(rsa2048.alias());
    assertThat(key.getEncoded()).as("encoded private key").isNull();
    assertThat(key).isNotInstanceOf(RSAPrivateKey.class);
    assertThat(key.toString()).contains("token object", "sensitive", "unextractable");
  }

  @ParameterizedTest
  @CsvSource({"secp256r1,ES256,SHA256,256", "secp384r1,ES384,SHA384,384", "secp521r1,ES512,SHA512,521"})
  void generateEc_signsDigestsInTheToken_jdkVerifiesTheRawSignature(String curve, String algorithm, String hash,
      int bits) throws Exception {
    HardwareKeys.HsmKey key = hsm.generateEc(curve);
    assertThat(key.alias()).startsWith("ec-hsm-");
    assertThat(((ECPublicKey) key.publicKey()).getParams().getOrder().bitLength()).isEqualTo(bits);
    PrivateKey privateKey = hsm.privateKey(key.alias());
    assertThat(privateKey.getEncoded()).as("encoded private key").isNull();
    assertThat(privateKey).isNotInstanceOf(ECPrivateKey.class);

    byte[] message = bytes(1000);
    byte[] signature = hsm.sign(key.alias(), algorithm, MessageDigest.getInstance(hash.replace("SHA", "SHA-"))
        .digest(message));
    assertThat(signature).as("r || s").hasSize(2 * ((bits + 7) / 8));
    assertSignsExactly(Signature.getInstance(hash + "withECDSAinP1363Format"), key.publicKey(), message, signature);
  }

  @Test
  void importKeyPair_rsaAndEc_becomeNonExtractableTokenKeysThatDecryptAndSign() throws Exception {
    java.security.KeyPairGenerator rsaGen = java.security.KeyPairGenerator.getInstance("RSA");
    rsaGen.initialize(3072);
    java.security.KeyPair rsa = rsaGen.generateKeyPair();
    HardwareKeys.HsmKey imported = hsm.importKeyPair(rsa);
    assertThat(imported.alias()).startsWith("rsa-hsm-");
    assertThat(imported.publicKey()).isEqualTo(rsa.getPublic());
    assertThat(hsm.privateKey(imported.alias()).getEncoded()).as("encoded private key").isNull();
    byte[] secret = bytes(32);
    assertThat(hsm.decrypt(imported.alias(), "RSA-OAEP-256", encrypt(rsa.getPublic(), "RSA-OAEP-256", secret)))
        .isEqualTo(secret);

    java.security.KeyPairGenerator ecGen = java.security.KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    java.security.KeyPair ec = ecGen.generateKeyPair();
    HardwareKeys.HsmKey ecKey = hsm.importKeyPair(ec);
    assertThat(ecKey.alias()).startsWith("ec-hsm-");
    assertThat(hsm.privateKey(ecKey.alias()).getEncoded()).isNull();
    byte[] message = bytes(100);
    byte[] signature = hsm.sign(ecKey.alias(), "ES384", MessageDigest.getInstance("SHA-384").digest(message));
    assertSignsExactly(Signature.getInstance("SHA384withECDSAinP1363Format"), ec.getPublic(), message, signature);
  }

  @Test
  void importKeyPair_unsupportedRsaSize_isRefused() throws Exception {
    java.security.KeyPairGenerator rsaGen = java.security.KeyPairGenerator.getInstance("RSA");
    rsaGen.initialize(1024);
    java.security.KeyPair small = rsaGen.generateKeyPair();
    assertThatThrownBy(() -> hsm.importKeyPair(small)).isInstanceOf(HsmException.class)
        .hasMessageContaining("2048, 3072 or 4096");
  }

  @Test
  void keyTypes_operationsOfTheOtherType_areRefused() throws Exception {
    HardwareKeys.HsmKey ec = hsm.generateEc("secp256r1");
    assertThatThrownBy(() -> hsm.decrypt(ec.alias(), "RSA-OAEP-256", new byte[256]))
        .isInstanceOf(HsmException.class).hasMessageContaining("needs an RSA key");
    assertThatThrownBy(() -> hsm.sign(ec.alias(), "RS256", new byte[32]))
        .isInstanceOf(HsmException.class).hasMessageContaining("needs an RSA key");
    assertThatThrownBy(() -> hsm.sign(rsa2048.alias(), "ES256", new byte[32]))
        .isInstanceOf(HsmException.class).hasMessageContaining("needs an EC key");
    assertThatThrownBy(() -> hsm.generateEc("secp256k1")).isInstanceOf(HsmException.class)
        .hasMessageContaining("secp256k1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"})
  void decrypt_jdkCiphertext_returnsPlaintext(String algorithm) throws Exception {
    byte[] secret = bytes(32);
    byte[] ciphertext = encrypt(rsa2048.publicKey(), algorithm, secret);
    assertThat(hsm.decrypt(rsa2048.alias(), algorithm, ciphertext)).isEqualTo(secret);
  }

  @Test
  void decrypt_oaep256CiphertextAsOaepSha1_throws() throws Exception {
    byte[] ciphertext = encrypt(rsa2048.publicKey(), "RSA-OAEP-256", bytes(32));
    assertThatThrownBy(() -> hsm.decrypt(rsa2048.alias(), "RSA-OAEP", ciphertext)).isInstanceOf(HsmException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA-OAEP", "RSA-OAEP-256", "RSA1_5"})
  void decrypt_randomCiphertext_throws(String algorithm) {
    byte[] garbage = bytes(256);
    garbage[0] = 0x01; // below the modulus, so the token computes and the padding check refuses
    assertThatThrownBy(() -> hsm.decrypt(rsa2048.alias(), algorithm, garbage)).isInstanceOf(HsmException.class);
  }

  @Test
  void decrypt_tamperedCiphertext_throws() throws Exception {
    byte[] ciphertext = encrypt(rsa2048.publicKey(), "RSA-OAEP-256", bytes(32));
    ciphertext[100] ^= 1;
    assertThatThrownBy(() -> hsm.decrypt(rsa2048.alias(), "RSA-OAEP-256", ciphertext))
        .isInstanceOf(HsmException.class);
  }

  @Test
  void decrypt_wrongLengthOrAlgorithmOrAlias_throws() throws Exception {
    assertThatThrownBy(() -> hsm.decrypt(rsa2048.alias(), "RSA-OAEP", bytes(255))).isInstanceOf(HsmException.class)
        .hasMessageContaining("256 bytes");
    byte[] ciphertext = encrypt(rsa2048.publicKey(), "RSA1_5", bytes(32));
    assertThatThrownBy(() -> hsm.decrypt(rsa2048.alias(), "A256KW", ciphertext)).isInstanceOf(HsmException.class);
    assertThatThrownBy(() -> hsm.decrypt("rsa-hsm-unknown", "RSA1_5", ciphertext)).isInstanceOf(HsmException.class)
        .hasMessageContaining("rsa-hsm-unknown");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
  void sign_digest_verifiesWithTheJdk(String algorithm) throws Exception {
    byte[] message = bytes(1000);
    String hash = "SHA-" + algorithm.substring(2);
    byte[] signature = hsm.sign(rsa2048.alias(), algorithm, MessageDigest.getInstance(hash).digest(message));
    Signature verifier;
    if (algorithm.startsWith("RS")) {
      verifier = Signature.getInstance("SHA" + algorithm.substring(2) + "withRSA");
    } else {
      verifier = Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
          Integer.parseInt(algorithm.substring(2)) / 8, 1));
    }
    assertSignsExactly(verifier, rsa2048.publicKey(), message, signature);
  }

  @Test
  void sign_wrongDigestLengthOrAlgorithm_throws() {
    assertThatThrownBy(() -> hsm.sign(rsa2048.alias(), "RS256", bytes(48))).isInstanceOf(HsmException.class)
        .hasMessageContaining("32-byte");
    assertThatThrownBy(() -> hsm.sign(rsa2048.alias(), "ES256", bytes(32))).isInstanceOf(HsmException.class);
  }

  @Test
  void destroy_removesTheKey() throws Exception {
    HardwareKeys.HsmKey key = hsm.generateRsa(2048);
    byte[] ciphertext = encrypt(key.publicKey(), "RSA-OAEP", bytes(32));
    hsm.destroy(key.alias());
    assertThatThrownBy(() -> hsm.decrypt(key.alias(), "RSA-OAEP", ciphertext)).isInstanceOf(HsmException.class);
    assertThatThrownBy(() -> hsm.destroy(key.alias())).isInstanceOf(HsmException.class);
    Pkcs11HardwareKeys reopened = Pkcs11HardwareKeys.open(config(LABEL, PIN), dataDir);
    assertThatThrownBy(() -> reopened.decrypt(key.alias(), "RSA-OAEP", ciphertext)).isInstanceOf(HsmException.class);
  }

  @Test
  void open_again_keysSurvive() throws Exception {
    byte[] secret = bytes(32);
    byte[] ciphertext = encrypt(rsa2048.publicKey(), "RSA-OAEP-256", secret);
    Pkcs11HardwareKeys reopened = Pkcs11HardwareKeys.open(config(LABEL, PIN), dataDir);
    assertThat(reopened.decrypt(rsa2048.alias(), "RSA-OAEP-256", ciphertext)).isEqualTo(secret);
    assertThat(reopened.privateKey(rsa2048.alias()).getEncoded()).isNull();
  }

  @Test
  void open_newTokenWithoutConfiguredPin_keepsAGeneratedPinOwnerOnly(@TempDir Path dir) {
    // The library is already loaded in this JVM, so SoftHSM2 cannot show it the new token: open
    // must create the token and its PIN file, then say that a restart is needed.
    String label = "coffer-gen-" + System.nanoTime();
    assertThatThrownBy(() -> Pkcs11HardwareKeys.open(config(label, ""), dir)).isInstanceOf(HsmException.class)
        .hasMessageContaining(label).hasMessageContaining("restart");
    Path pinFile = dir.resolve("keys").resolve("pkcs11-" + label + ".pin");
    assertThat(pinFile).exists();
    assertThat(PosixFilePermissions.toString(permissions(pinFile))).isEqualTo("rw-------");
  }

  @Test
  void open_pinFromTheKeysFolder_opensTheToken(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys").resolve("pkcs11-" + LABEL + ".pin"), PIN + "\n");
    Pkcs11HardwareKeys viaFile = Pkcs11HardwareKeys.open(config(LABEL, ""), dir);
    byte[] secret = bytes(16);
    assertThat(viaFile.decrypt(rsa2048.alias(), "RSA1_5", encrypt(rsa2048.publicKey(), "RSA1_5", secret)))
        .isEqualTo(secret);
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void open_existingTokenWithoutPin_saysThePinIsUnknown(@TempDir Path otherDir) {
    assertThatThrownBy(() -> Pkcs11HardwareKeys.open(config(LABEL, ""), otherDir))
        .isInstanceOf(HsmException.class).hasMessageContaining("PIN is unknown");
  }

  @Test
  void open_missingLibrary_saysSo() {
    CofferConfig.Vault vault = config(LABEL, PIN);
    vault.pkcs11Library = "/nonexistent/libpkcs11.so";
    assertThatThrownBy(() -> Pkcs11HardwareKeys.open(vault, dataDir)).isInstanceOf(HsmException.class)
        .hasMessageContaining("/nonexistent/libpkcs11.so");
  }

  @Test
  void open_otherLibraryWithoutPin_requiresThePin(@TempDir Path dir) throws Exception {
    Path library = Files.createSymbolicLink(dir.resolve("libvendor-pkcs11.so"),
        Path.of(SoftHsm.installedLibrary().orElseThrow()));
    CofferConfig.Vault vault = config(LABEL, "");
    vault.pkcs11Library = library.toString();
    assertThatThrownBy(() -> Pkcs11HardwareKeys.open(vault, dir)).isInstanceOf(HsmException.class)
        .hasMessageContaining("pkcs11Pin");
  }

  @Test
  void decrypt_concurrentCallers_allSucceed() throws Exception {
    byte[] secret = bytes(32);
    byte[] ciphertext = encrypt(rsa2048.publicKey(), "RSA-OAEP-256", secret);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<byte[]>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      results.add(pool.submit(() -> hsm.decrypt(rsa2048.alias(), "RSA-OAEP-256", ciphertext)));
    }
    for (Future<byte[]> r : results) assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(secret);
    pool.shutdown();
  }

  static byte[] encrypt(PublicKey key, String algorithm, byte[] plaintext) throws Exception {
    Cipher cipher;
    switch (algorithm) {
      case "RSA1_5" -> {
        cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
      }
      case "RSA-OAEP" -> {
        cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
            PSource.PSpecified.DEFAULT));
      }
      default -> {
        cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT));
      }
    }
    return cipher.doFinal(plaintext);
  }

  /** The JDK verifies the signature over {@code message}, and refuses it once one bit of the message changes. */
  private static void assertSignsExactly(Signature verifier, PublicKey key, byte[] message, byte[] signature)
      throws Exception {
    verifier.initVerify(key);
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
    byte[] changed = message.clone();
    changed[0] ^= 1;
    verifier.initVerify(key);
    verifier.update(changed);
    assertThat(verifier.verify(signature)).isFalse();
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
