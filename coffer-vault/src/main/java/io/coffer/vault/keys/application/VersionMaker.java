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
import java.time.Instant;
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
    String version = Ids.hex(16);
    KeyAttributes attributes = new KeyAttributes(spec.enabled(), spec.notBefore(), spec.expires(), now, now);
    if (spec.type().hardware()) {
      if (hardware == null) {
        throw KeyException.badParameter(spec.type().wireName()
            + " keys need a hardware security module, and none is configured.");
      }
      try {
        HardwareKeys.HsmKey k = spec.type().isRsa() ? hardware.generateRsa(spec.keySize())
            : hardware.generateEc(spec.curve().jcaName());
        return new KeyVersion(vaultId, name, version, spec.type(), spec.type().isRsa() ? spec.keySize() : 0,
            spec.curve(), spec.operations(), k.publicKey(), new KeyMaterial.Hardware(k.alias()), attributes,
            spec.tags());
      } catch (HsmException e) {
        throw new KeyException(KeyException.Kind.HSM_UNAVAILABLE,
            "The hardware security module could not generate the key: " + e.getMessage(), null, e);
      }
    }
    KeyPair pair = spec.type().isRsa() ? KeyPairs.rsa(spec.keySize(), F4) : KeyPairs.ec(spec.curve());
    return sealed(vaultId, name, version, spec, pair, attributes);
  }

  /** A version holding an imported key pair: sealed in software, or moved into the token for -HSM types. */
  KeyVersion imported(String vaultId, String name, KeyImport key, Instant now) {
    KeySpec spec = key.spec();
    String version = Ids.hex(16);
    KeyAttributes attributes = new KeyAttributes(spec.enabled(), spec.notBefore(), spec.expires(), now, now);
    if (!spec.type().hardware()) return sealed(vaultId, name, version, spec, key.pair(), attributes);
    if (hardware == null) {
      throw KeyException.badParameter(spec.type().wireName()
          + " keys need a hardware security module, and none is configured.");
    }
    try {
      HardwareKeys.HsmKey k = hardware.importKeyPair(key.pair());
      return new KeyVersion(vaultId, name, version, spec.type(), spec.keySize(), spec.curve(), spec.operations(),
          k.publicKey(), new KeyMaterial.Hardware(k.alias()), attributes, spec.tags());
    } catch (HsmException e) {
      throw new KeyException(KeyException.Kind.HSM_UNAVAILABLE,
          "The hardware security module could not import the key: " + e.getMessage(), null, e);
    }
  }

  private KeyVersion sealed(String vaultId, String name, String version, KeySpec spec, KeyPair pair,
      KeyAttributes attributes) {
    byte[] sealed = software.seal(vaultId, KeyNames.key(name), version, pair.getPrivate());
    return new KeyVersion(vaultId, name, version, spec.type(), spec.type().isRsa() ? spec.keySize() : 0,
        spec.curve(), spec.operations(), pair.getPublic(), new KeyMaterial.Sealed(sealed), attributes, spec.tags());
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
