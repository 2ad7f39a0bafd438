package io.coffer.vault.keys.application;

import io.coffer.common.Ids;
import io.coffer.vault.hsm.HardwareKeys;
import io.coffer.vault.hsm.HsmException;
import io.coffer.vault.keys.KeyAttributes;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.keys.KeyImport;
import io.coffer.vault.keys.KeyMaterial;
import io.coffer.vault.keys.KeyNames;
import io.coffer.vault.keys.KeySpec;
import io.coffer.vault.keys.KeyVersion;
import io.coffer.vault.keys.crypto.KeyPairs;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes new key versions: software key pairs sealed at once under the vault's root key, or key
 * pairs generated in (or imported into) the hardware token, of which only the alias is kept.
 */
final class VersionMaker {
  private static final Logger LOG = LoggerFactory.getLogger(VersionMaker.class);
  private static final BigInteger F4 = BigInteger.valueOf(65537);
  private final SoftwareKeys software;
  private final HardwareKeys hardware;

  VersionMaker(SoftwareKeys software, HardwareKeys hardware) {
    this.software = software;
    this.hardware = hardware;
  }

  KeyVersion make(String vaultId, String name, KeySpec spec, Instant now) {
    return build(vaultId, name, spec, now, "generate",
        token -> spec.type().isRsa() ? token.generateRsa(spec.keySize()) : token.generateEc(spec.curve().jcaName()),
        () -> spec.type().isRsa() ? KeyPairs.rsa(spec.keySize(), F4) : KeyPairs.ec(spec.curve()));
  }

  /** A version holding an imported key pair: sealed in software, or moved into the token for -HSM types. */
  KeyVersion imported(String vaultId, String name, KeyImport key, Instant now) {
    return build(vaultId, name, key.spec(), now, "import", token -> token.importKeyPair(key.pair()), key::pair);
  }

  /** What the token does for a new hardware version. */
  @FunctionalInterface
  private interface TokenWork {
    HardwareKeys.HsmKey run(HardwareKeys token) throws HsmException;
  }

  /**
   * A new version of {@code spec}: for -HSM types the token does {@code inToken} and only the alias
   * is kept; otherwise the pair from {@code inSoftware} is sealed under the vault's root key.
   */
  private KeyVersion build(String vaultId, String name, KeySpec spec, Instant now, String verb, TokenWork inToken,
      Supplier<KeyPair> inSoftware) {
    String version = Ids.hex(16);
    PublicKey publicKey;
    KeyMaterial material;
    if (spec.type().hardware()) {
      if (hardware == null) {
        throw KeyException.badParameter(spec.type().wireName()
            + " keys need a hardware security module, and none is configured.");
      }
      try {
        HardwareKeys.HsmKey k = inToken.run(hardware);
        publicKey = k.publicKey();
        material = new KeyMaterial.Hardware(k.alias());
      } catch (HsmException e) {
        throw new KeyException(KeyException.Kind.HSM_UNAVAILABLE,
            "The hardware security module could not " + verb + " the key: " + e.getMessage(), null, e);
      }
    } else {
      KeyPair pair = inSoftware.get();
      publicKey = pair.getPublic();
      material = new KeyMaterial.Sealed(software.seal(vaultId, KeyNames.key(name), version, pair.getPrivate()));
    }
    return new KeyVersion(vaultId, name, version, spec.type(), spec.type().isRsa() ? spec.keySize() : 0,
        spec.curve(), spec.operations(), publicKey, material,
        new KeyAttributes(spec.enabled(), spec.notBefore(), spec.expires(), now, now), spec.tags());
  }

  /** Undoes {@link #make} for a version that was never stored. */
  void discard(KeyVersion v) {
    if (v.material() instanceof KeyMaterial.Hardware h) destroy(h.alias());
  }

  void destroy(String alias) {
    try {
      hardware.destroy(alias);
    } catch (HsmException | RuntimeException e) {
      LOG.warn("could not remove hardware key {}: {}", alias, e.getMessage());
    }
  }
}
