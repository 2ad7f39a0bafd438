package io.coffer.vault.keys;

import java.security.spec.MGF1ParameterSpec;
import java.util.Optional;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA encryption algorithms of encrypt/decrypt and wrapKey/unwrapKey. {@code RSA-OAEP-256} uses
 * MGF1 with SHA-256 too: SunJCE's "OAEPWithSHA-256AndMGF1Padding" would silently use MGF1-SHA-1.
 */
public enum EncryptionAlgorithm {
  RSA_OAEP("RSA-OAEP", "RSA/ECB/OAEPPadding",
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT), 2 * 20 + 2),
  RSA_OAEP_256("RSA-OAEP-256", "RSA/ECB/OAEPPadding",
      new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT), 2 * 32 + 2),
  RSA1_5("RSA1_5", "RSA/ECB/PKCS1Padding", null, 11);

  private final String wireName;
  private final String transformation;
  private final OAEPParameterSpec oaep;
  private final int overhead;

  EncryptionAlgorithm(String wireName, String transformation, OAEPParameterSpec oaep, int overhead) {
    this.wireName = wireName;
    this.transformation = transformation;
    this.oaep = oaep;
    this.overhead = overhead;
  }

  public String wireName() {
    return wireName;
  }

  public String transformation() {
    return transformation;
  }

  /** The OAEP parameters, or null for PKCS#1 v1.5. */
  public OAEPParameterSpec oaepParameters() {
    return oaep;
  }

  /** The longest plaintext a key with a modulus of that many bytes can take. */
  public int maxPlaintext(int modulusBytes) {
    return modulusBytes - overhead;
  }

  public static Optional<EncryptionAlgorithm> parse(String name) {
    for (EncryptionAlgorithm a : values()) {
      if (a.wireName.equals(name)) return Optional.of(a);
    }
    return Optional.empty();
  }
}
