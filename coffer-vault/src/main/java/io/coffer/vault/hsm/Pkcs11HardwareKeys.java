package io.coffer.vault.hsm;

import io.coffer.common.Ids;
import io.coffer.config.CofferConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * RSA-HSM and EC-HSM keys in a PKCS#11 token, through the JDK's SunPKCS11 provider.
 *
 * <p>Security guarantees: private keys are generated in the token as token objects with
 * {@code CKA_SENSITIVE=true}, {@code CKA_EXTRACTABLE=false}, {@code CKA_PRIVATE=true}; only their
 * handles reach this process. Each key is stored under its alias with a self-signed certificate
 * (signed by the token) that carries the public key, as PKCS#11 key stores require.
 *
 * <p>Mechanisms: RSA1_5 decryption and RS256/384/512 signatures use the token's
 * {@code CKM_RSA_PKCS}. SunPKCS11 offers no OAEP cipher and SoftHSM2 only OAEP with SHA-1, and
 * PKCS#11 PSS signing through SunPKCS11 hashes the message itself, so RSA-OAEP, RSA-OAEP-256 and
 * PS256/384/512 run BouncyCastle's OAEP and PSS encodings over the token's raw RSA
 * ({@code CKM_RSA_X_509}); the private-key arithmetic stays in the token. ES256/384/512 use the
 * token's {@code CKM_ECDSA} over the caller's digest.
 */
public final class Pkcs11HardwareKeys implements HardwareKeys {
  private static final Set<Integer> SIZES = Set.of(2048, 3072, 4096);
  private static final Set<String> CURVES = Set.of("secp256r1", "secp384r1", "secp521r1");

  private final Provider provider;
  private final KeyStore store;
  private final Map<String, TokenKey> keys = new ConcurrentHashMap<>();

  private record TokenKey(PrivateKey privateKey, PublicKey publicKey) {
    RSAPublicKey rsa() throws HsmException {
      if (publicKey instanceof RSAPublicKey r) return r;
      throw new HsmException("This operation needs an RSA key; the key is " + publicKey.getAlgorithm() + ".");
    }

    ECPublicKey ec() throws HsmException {
      if (publicKey instanceof ECPublicKey e) return e;
      throw new HsmException("This operation needs an EC key; the key is " + publicKey.getAlgorithm() + ".");
    }
  }

  private Pkcs11HardwareKeys(Provider provider, KeyStore store) {
    this.provider = provider;
    this.store = store;
  }

  /**
   * Opens the token configured in {@code vault}: the PKCS#11 library {@code pkcs11Library}, or
   * SoftHSM2 when that is empty and SoftHSM2 is installed. With SoftHSM2 the token labelled
   * {@code pkcs11TokenLabel} is created when missing, with the PIN {@code pkcs11Pin} or, when that is
   * empty, a generated one kept in {@code dataDir/keys/pkcs11-{label}.pin} (0600). With another
   * library the token (first slot) must exist and {@code pkcs11Pin} is required.
   *
   * @throws HsmException naming what is missing when no token can be used
   */
  public static Pkcs11HardwareKeys open(CofferConfig.Vault vault, Path dataDir) throws HsmException {
    return open(vault, dataDir, System.getenv());
  }

  static Pkcs11HardwareKeys open(CofferConfig.Vault vault, Path dataDir, Map<String, String> env)
      throws HsmException {
    String library = vault.pkcs11Library == null || vault.pkcs11Library.isBlank()
        ? SoftHsm.installedLibrary().orElseThrow(() -> new HsmException(
            "No PKCS#11 library for RSA-HSM keys: set vault.pkcs11Library (COFFER_VAULT_PKCS11_LIBRARY) "
                + "or install SoftHSM2 (Debian package softhsm2)."))
        : vault.pkcs11Library;
    if (!Files.isReadable(Path.of(library))) {
      throw new HsmException("The PKCS#11 library " + library + " (vault.pkcs11Library) does not exist or is not readable.");
    }
    String label = vault.pkcs11TokenLabel == null || vault.pkcs11TokenLabel.isBlank()
        ? "coffer" : vault.pkcs11TokenLabel;
    String slotLine;
    char[] pin;
    if (SoftHsm.isSoftHsm(library)) {
      SoftHsm softHsm = SoftHsm.configure(env);
      Path pinFile = dataDir.resolve("keys").resolve("pkcs11-" + fileName(label) + ".pin");
      String userPin = configuredPin(vault);
      OptionalLong slot = softHsm.slotOf(label);
      if (slot.isEmpty()) {
        if (userPin == null) {
          userPin = Ids.hex(16);
          writePrivate(pinFile, userPin);
        }
        // The security officer's PIN is only needed to reset a lost user PIN; it is kept beside it.
        String soPin = Ids.hex(16);
        writePrivate(pinFile.resolveSibling("pkcs11-" + fileName(label) + ".so-pin"), soPin);
        softHsm.initToken(label, soPin, userPin);
        slot = softHsm.slotOf(label);
        if (slot.isEmpty()) throw new HsmException("SoftHSM2 did not create the token '" + label + "'.");
      } else if (userPin == null) {
        if (!Files.exists(pinFile)) {
          throw new HsmException("The SoftHSM2 token '" + label + "' (configuration " + softHsm.configFile()
              + ") exists but its PIN is unknown: set vault.pkcs11Pin, or choose another vault.pkcs11TokenLabel.");
        }
        userPin = readPin(pinFile);
      }
      slotLine = "slot = " + slot.getAsLong();
      pin = userPin.toCharArray();
    } else {
      String userPin = configuredPin(vault);
      if (userPin == null) {
        throw new HsmException("vault.pkcs11Pin (COFFER_VAULT_PKCS11_PIN) is required with the PKCS#11 library " + library + ".");
      }
      slotLine = "slotListIndex = 0";
      pin = userPin.toCharArray();
    }
    return login(providerConfig(library, label, slotLine), pin, label);
  }

  private static Pkcs11HardwareKeys login(String providerConfig, char[] pin, String label) throws HsmException {
    Provider provider;
    try {
      provider = Security.getProvider("SunPKCS11").configure(providerConfig);
    } catch (RuntimeException e) {
      throw new HsmException("The PKCS#11 token '" + label + "' cannot be opened: " + rootMessage(e)
          + ". (A SoftHSM2 token created after the library was loaded in this process is seen after a restart.)", e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return new Pkcs11HardwareKeys(provider, store);
    } catch (GeneralSecurityException | IOException e) {
      throw new HsmException("Cannot log in to the PKCS#11 token '" + label + "': " + rootMessage(e), e);
    }
  }

  private static String providerConfig(String library, String label, String slotLine) {
    return "--name = coffer-" + fileName(label) + "\n"
        + "library = \"" + library + "\"\n"
        + slotLine + "\n"
        + "attributes(generate, CKO_PRIVATE_KEY, CKK_RSA) = {\n"
        + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
        + "  CKA_DECRYPT = true\n  CKA_SIGN = true\n}\n"
        // The public key lives in the entry's certificate; no separate token object is kept.
        + "attributes(generate, CKO_PUBLIC_KEY, CKK_RSA) = {\n  CKA_TOKEN = false\n}\n"
        + "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n"
        + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
        + "  CKA_SIGN = true\n}\n"
        + "attributes(generate, CKO_PUBLIC_KEY, CKK_EC) = {\n  CKA_TOKEN = false\n}\n"
        // Imported private keys get the same protection as generated ones.
        + "attributes(import, CKO_PRIVATE_KEY, CKK_RSA) = {\n"
        + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
        + "  CKA_DECRYPT = true\n  CKA_SIGN = true\n}\n"
        + "attributes(import, CKO_PRIVATE_KEY, CKK_EC) = {\n"
        + "  CKA_TOKEN = true\n  CKA_PRIVATE = true\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n"
        + "  CKA_SIGN = true\n}\n";
  }

  @Override
  public HsmKey generateRsa(int bits) throws HsmException {
    if (!SIZES.contains(bits)) throw new HsmException("RSA-HSM keys are 2048, 3072 or 4096 bits, not " + bits + ".");
    try {
      return generate("RSA", new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), "rsa-hsm-", "SHA256withRSA");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new HsmException("The token could not generate an RSA " + bits + " key: " + rootMessage(e), e);
    }
  }

  @Override
  public HsmKey generateEc(String curve) throws HsmException {
    if (!CURVES.contains(curve)) {
      throw new HsmException("EC-HSM keys are on secp256r1, secp384r1 or secp521r1, not " + curve + ".");
    }
    try {
      return generate("EC", new ECGenParameterSpec(curve), "ec-hsm-", "SHA256withECDSA");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new HsmException("The token could not generate an EC key on " + curve + ": " + rootMessage(e), e);
    }
  }

  private HsmKey generate(String algorithm, AlgorithmParameterSpec spec, String aliasPrefix,
      String certificateSignature) throws GeneralSecurityException {
    String alias = aliasPrefix + Ids.hex(16);
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm, provider);
    generator.initialize(spec);
    KeyPair pair = generator.generateKeyPair();
    X509Certificate certificate = certificate(pair, alias, certificateSignature, provider);
    store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate});
    PublicKey publicKey = certificate.getPublicKey();
    keys.put(alias, new TokenKey(pair.getPrivate(), publicKey));
    return new HsmKey(alias, publicKey);
  }

  @Override
  public HsmKey importKeyPair(KeyPair pair) throws HsmException {
    boolean rsa = pair.getPublic() instanceof RSAPublicKey;
    if (rsa && !SIZES.contains(((RSAPublicKey) pair.getPublic()).getModulus().bitLength())) {
      throw new HsmException("RSA-HSM keys are 2048, 3072 or 4096 bits.");
    }
    String alias = (rsa ? "rsa-hsm-" : "ec-hsm-") + Ids.hex(16);
    try {
      // The certificate is signed in software with the key still in hand; the token then creates
      // the private key object with the import attributes of the provider configuration.
      X509Certificate certificate = certificate(pair, alias, rsa ? "SHA256withRSA" : "SHA256withECDSA", null);
      store.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {certificate});
      return new HsmKey(alias, key(alias).publicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new HsmException("The token could not import the key: " + rootMessage(e), e);
    }
  }

  @Override
  public byte[] decrypt(String alias, String algorithm, byte[] ciphertext) throws HsmException {
    TokenKey key = key(alias);
    int modulusBits = key.rsa().getModulus().bitLength();
    if (ciphertext == null || ciphertext.length != (modulusBits + 7) / 8) {
      throw new HsmException("The ciphertext must be " + (modulusBits + 7) / 8 + " bytes for this key.");
    }
    try {
      return switch (algorithm) {
        case "RSA1_5" -> {
          Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
          cipher.init(Cipher.DECRYPT_MODE, key.privateKey());
          yield cipher.doFinal(ciphertext);
        }
        case "RSA-OAEP" -> oaep(key, new SHA1Digest(), new SHA1Digest(), ciphertext);
        case "RSA-OAEP-256" -> oaep(key, new SHA256Digest(), new SHA256Digest(), ciphertext);
        default -> throw new HsmException("Unknown decryption algorithm '" + algorithm + "'.");
      };
    } catch (GeneralSecurityException | InvalidCipherTextException | RuntimeException e) {
      throw new HsmException("The token could not decrypt with " + algorithm + ": the ciphertext is invalid for this key.", e);
    }
  }

  private byte[] oaep(TokenKey key, Digest hash, Digest mgfHash, byte[] ciphertext)
      throws InvalidCipherTextException, HsmException {
    OAEPEncoding oaep = new OAEPEncoding(rawRsa(key), hash, mgfHash, null);
    oaep.init(false, publicParameters(key));
    return oaep.processBlock(ciphertext, 0, ciphertext.length);
  }

  @Override
  public byte[] sign(String alias, String algorithm, byte[] digest) throws HsmException {
    TokenKey key = key(alias);
    SignatureHash hash = SignatureHash.of(algorithm);
    if (digest == null || digest.length != hash.length) {
      throw new HsmException(algorithm + " signs a " + hash.length + "-byte digest, not "
          + (digest == null ? 0 : digest.length) + " bytes.");
    }
    try {
      if (algorithm.startsWith("ES")) {
        key.ec();
        Signature ecdsa = Signature.getInstance("NONEwithECDSAinP1363Format", provider);
        ecdsa.initSign(key.privateKey());
        ecdsa.update(digest);
        return ecdsa.sign();
      }
      key.rsa();
      if (algorithm.startsWith("RS")) {
        byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(hash.oid, DERNull.INSTANCE), digest)
            .getEncoded(ASN1Encoding.DER);
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
        cipher.init(Cipher.ENCRYPT_MODE, key.privateKey()); // a private-key "encryption" is C_Sign
        return cipher.doFinal(digestInfo);
      }
      PSSSigner pss = PSSSigner.createRawSigner(rawRsa(key), hash.digest(), hash.digest(), hash.length,
          PSSSigner.TRAILER_IMPLICIT);
      pss.init(true, publicParameters(key));
      pss.update(digest, 0, digest.length);
      return pss.generateSignature();
    } catch (GeneralSecurityException | IOException | org.bouncycastle.crypto.CryptoException | RuntimeException e) {
      throw new HsmException("The token could not sign with " + algorithm + ": " + rootMessage(e), e);
    }
  }

  @Override
  public void destroy(String alias) throws HsmException {
    try {
      if (!store.containsAlias(alias)) throw new HsmException("The token holds no key '" + alias + "'.");
      store.deleteEntry(alias);
      keys.remove(alias);
    } catch (java.security.KeyStoreException e) {
      throw new HsmException("The token could not delete the key '" + alias + "': " + rootMessage(e), e);
    }
  }

  /** The token's handle for a key; its key material is not readable (tests check this). */
  PrivateKey privateKey(String alias) throws HsmException {
    return key(alias).privateKey();
  }

  private TokenKey key(String alias) throws HsmException {
    TokenKey cached = keys.get(alias);
    if (cached != null) return cached;
    try {
      if (!(store.getKey(alias, null) instanceof PrivateKey privateKey)) {
        throw new HsmException("The token holds no key '" + alias + "'.");
      }
      TokenKey loaded = new TokenKey(privateKey, store.getCertificate(alias).getPublicKey());
      keys.put(alias, loaded);
      return loaded;
    } catch (GeneralSecurityException e) {
      throw new HsmException("The token could not find the key '" + alias + "': " + rootMessage(e), e);
    }
  }

  private TokenRsa rawRsa(TokenKey key) throws HsmException {
    return new TokenRsa(provider, key.privateKey(), key.rsa().getModulus().bitLength());
  }

  private static RSAKeyParameters publicParameters(TokenKey key) throws HsmException {
    return new RSAKeyParameters(false, key.rsa().getModulus(), key.rsa().getPublicExponent());
  }

  /** A self-signed certificate carrying the public key; {@code signer} null means a software provider. */
  private X509Certificate certificate(KeyPair pair, String alias, String signature, Provider signer)
      throws GeneralSecurityException {
    X500Name name = new X500Name("CN=" + alias + ",O=Coffer HSM key");
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new java.security.SecureRandom()).add(BigInteger.ONE),
        Date.from(now.minusSeconds(60)), Date.from(now.plus(36500, ChronoUnit.DAYS)), name, pair.getPublic());
    try {
      var contentSigner = new JcaContentSignerBuilder(signature);
      if (signer != null) contentSigner.setProvider(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner.build(pair.getPrivate())));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private enum SignatureHash {
    SHA256(NISTObjectIdentifiers.id_sha256, 32), SHA384(NISTObjectIdentifiers.id_sha384, 48),
    SHA512(NISTObjectIdentifiers.id_sha512, 64);

    final ASN1ObjectIdentifier oid;
    final int length;

    SignatureHash(ASN1ObjectIdentifier oid, int length) {
      this.oid = oid;
      this.length = length;
    }

    Digest digest() {
      return switch (this) {
        case SHA256 -> new SHA256Digest();
        case SHA384 -> new SHA384Digest();
        case SHA512 -> new SHA512Digest();
      };
    }

    static SignatureHash of(String algorithm) throws HsmException {
      return switch (algorithm == null ? "" : algorithm) {
        case "RS256", "PS256", "ES256" -> SHA256;
        case "RS384", "PS384", "ES384" -> SHA384;
        case "RS512", "PS512", "ES512" -> SHA512;
        default -> throw new HsmException("Unknown signature algorithm '" + algorithm + "'.");
      };
    }
  }

  private static String configuredPin(CofferConfig.Vault vault) {
    return vault.pkcs11Pin == null || vault.pkcs11Pin.isBlank() ? null : vault.pkcs11Pin;
  }

  private static String fileName(String label) {
    return label.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String readPin(Path file) throws HsmException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new HsmException("Cannot read the token PIN file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writePrivate(Path file, String content) throws HsmException {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        out.write(content.getBytes(StandardCharsets.US_ASCII));
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new HsmException("Cannot write the token PIN file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
