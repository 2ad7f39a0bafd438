package io.coffer.vault.keys.application;

import io.coffer.vault.hsm.HardwareKeys;
import io.coffer.vault.hsm.HsmException;
import io.coffer.vault.keys.EncryptionAlgorithm;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyMaterial;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeyOperation;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.SignatureAlgorithm;
import io.coffer.vault.keys.crypto.SoftwareCrypto;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import io.coffer.vault.vaults.Vault;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;

/**
 * The cryptographic operations of a key version: encrypt/decrypt, wrapKey/unwrapKey, sign/verify.
 * A version must be enabled and allow the operation in its {@code key_ops}; outside its nbf/exp
 * window it still decrypts, unwraps and verifies (data protected earlier stays readable) but no
 * longer encrypts, wraps or signs. Public-key work is done in software, private-key work in
 * software or in the hardware token that holds the key.
 */
public final class KeyCryptography {
  /** The output and the version that produced it (the versioned kid of the answer). */
  public record Result(KeyVersion version, byte[] value) {}

  public record Verification(KeyVersion version, boolean valid) {}

  private final KeyService keys;
  private final SoftwareKeys software;
  private final HardwareKeys hardware;
  private final Clock clock;
  private final boolean allowRsa15;

  /** @param allowRsa15 false refuses RSA1_5 (PKCS#1 v1.5 padding, open to padding-oracle attacks) for every key */
  public KeyCryptography(KeyService keys, SoftwareKeys software, HardwareKeys hardware, Clock clock,
      boolean allowRsa15) {
    this.keys = keys;
    this.software = software;
    this.hardware = hardware;
    this.clock = clock;
    this.allowRsa15 = allowRsa15;
  }

  /** encrypt or wrapKey ({@code op}): public-key RSA encryption. */
  public Result encrypt(Vault vault, String name, String version, KeyOperation op, EncryptionAlgorithm alg,
      byte[] plaintext) {
    requireAllowed(alg);
    KeyVersion v = usable(vault, name, version, op);
    requireRsa(v, alg.wireName());
    if (plaintext.length > alg.maxPlaintext(v.modulusBytes())) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "The value is " + plaintext.length
          + " bytes; " + alg.wireName() + " with this " + v.keySize() + "-bit key takes at most "
          + alg.maxPlaintext(v.modulusBytes()) + ".", v.version(), null);
    }
    try {
      return new Result(v, SoftwareCrypto.encrypt(v.publicKey(), alg, plaintext));
    } catch (SoftwareCrypto.InvalidInputException e) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, e.getMessage(), v.version(), e);
    }
  }

  /** decrypt or unwrapKey ({@code op}): private-key RSA decryption. */
  public Result decrypt(Vault vault, String name, String version, KeyOperation op, EncryptionAlgorithm alg,
      byte[] ciphertext) {
    requireAllowed(alg);
    KeyVersion v = usable(vault, name, version, op);
    requireRsa(v, alg.wireName());
    if (ciphertext.length != v.modulusBytes()) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "The value is " + ciphertext.length
          + " bytes; a ciphertext of this key is " + v.modulusBytes() + ".", v.version(), null);
    }
    try {
      if (v.material() instanceof KeyMaterial.Hardware h) {
        return new Result(v, hsm(v).decrypt(h.alias(), alg.wireName(), ciphertext));
      }
      return new Result(v, SoftwareCrypto.decrypt(privateKey(v), alg, ciphertext));
    } catch (SoftwareCrypto.InvalidInputException | HsmException e) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "The value could not be decrypted with this key "
          + "and algorithm " + alg.wireName() + ".", v.version(), e);
    }
  }

  public Result sign(Vault vault, String name, String version, SignatureAlgorithm alg, byte[] digest) {
    KeyVersion v = usable(vault, name, version, KeyOperation.SIGN);
    checkSignature(v, alg, digest);
    if (v.material() instanceof KeyMaterial.Hardware h) {
      try {
        return new Result(v, hsm(v).sign(h.alias(), alg.wireName(), digest));
      } catch (HsmException e) {
        throw new KeyException(KeyException.Kind.HSM_UNAVAILABLE, "The hardware security module could not sign: "
            + e.getMessage(), v.version(), e);
      }
    }
    return new Result(v, SoftwareCrypto.sign(privateKey(v), alg, digest));
  }

  public Verification verify(Vault vault, String name, String version, SignatureAlgorithm alg, byte[] digest,
      byte[] signature) {
    KeyVersion v = usable(vault, name, version, KeyOperation.VERIFY);
    checkSignature(v, alg, digest);
    return new Verification(v, SoftwareCrypto.verify(v.publicKey(), alg, digest, signature));
  }

  private KeyVersion usable(Vault vault, String name, String version, KeyOperation op) {
    KeyVersion v = keys.get(vault, name, version);
    if (!v.attributes().enabled()) {
      throw new KeyException(KeyException.Kind.NOT_ALLOWED, "Operation " + op.wireName()
          + " is not allowed on a disabled key.", v.version(), null);
    }
    if (!v.operations().contains(op)) {
      throw new KeyException(KeyException.Kind.NOT_ALLOWED, "Operation " + op.wireName()
          + " is not permitted by the key_ops of this key.", v.version(), null);
    }
    Instant now = clock.instant();
    if (op.producesProtectedData() && !v.attributes().activeAt(now)) {
      boolean early = v.attributes().notBefore() != null && now.isBefore(v.attributes().notBefore());
      throw new KeyException(KeyException.Kind.NOT_ALLOWED, "Operation " + op.wireName() + " is not allowed on "
          + (early ? "a key that is not yet valid (nbf)." : "an expired key (exp)."), v.version(), null);
    }
    return v;
  }

  private void requireAllowed(EncryptionAlgorithm alg) {
    if (alg == EncryptionAlgorithm.RSA1_5 && !allowRsa15) {
      throw KeyException.badParameter("The algorithm RSA1_5 is turned off on this server (vault.allowRsa15); "
          + "use RSA-OAEP-256 or RSA-OAEP.");
    }
  }

  private static void requireRsa(KeyVersion v, String alg) {
    if (!v.type().isRsa()) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "Algorithm " + alg + " is not valid for a "
          + v.type().wireName() + " key.", v.version(), null);
    }
  }

  private static void checkSignature(KeyVersion v, SignatureAlgorithm alg, byte[] digest) {
    boolean fits = alg.family() == SignatureAlgorithm.Family.ECDSA
        ? v.type().isEc() && alg.curve() == v.curve() : v.type().isRsa();
    if (!fits) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "Algorithm " + alg.wireName() + " is not valid for a "
          + v.type().wireName() + (v.curve() == null ? "" : " " + v.curve().wireName()) + " key.", v.version(), null);
    }
    if (digest.length != alg.digestLength()) {
      throw new KeyException(KeyException.Kind.BAD_PARAMETER, "The digest is " + digest.length + " bytes; "
          + alg.wireName() + " takes a " + alg.digest() + " digest of " + alg.digestLength() + ".", v.version(), null);
    }
  }

  private PrivateKey privateKey(KeyVersion v) {
    return software.open(v.vaultId(), KeyNames.key(v.name()), v.version(), v.type(),
        ((KeyMaterial.Sealed) v.material()).ciphertext());
  }

  private HardwareKeys hsm(KeyVersion v) {
    if (hardware == null) {
      throw new KeyException(KeyException.Kind.HSM_UNAVAILABLE, "The hardware security module that holds this "
          + "key is not configured.", v.version(), null);
    }
    return hardware;
  }
}
