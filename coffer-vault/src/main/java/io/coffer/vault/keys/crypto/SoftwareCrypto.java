package io.coffer.vault.keys.crypto;

import io.coffer.vault.keys.EncryptionAlgorithm;
import io.coffer.vault.keys.SignatureAlgorithm;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Cipher;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * The RSA and ECDSA computations of software keys, with JCA and BouncyCastle primitives only.
 * Sign and verify take a digest the caller computed, as Key Vault does: PKCS#1 v1.5 signs its
 * DigestInfo with raw RSA ("NONEwithRSA"), PSS uses BouncyCastle's digest-less PSS with a salt as
 * long as the hash, ECDSA the JDK's P1363 (r || s) form.
 */
public final class SoftwareCrypto {
  /** A private instance, not registered globally: only the digest-less PSS comes from it. */
  private static final Provider BC = new BouncyCastleProvider();

  private SoftwareCrypto() {}

  /** Raised when input does not fit the key or does not decrypt; the caller maps it to a bad parameter. */
  public static final class InvalidInputException extends Exception {
    public InvalidInputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static byte[] encrypt(PublicKey key, EncryptionAlgorithm alg, byte[] plaintext) throws InvalidInputException {
    return rsa(Cipher.ENCRYPT_MODE, key, alg, plaintext);
  }

  public static byte[] decrypt(PrivateKey key, EncryptionAlgorithm alg, byte[] ciphertext) throws InvalidInputException {
    return rsa(Cipher.DECRYPT_MODE, key, alg, ciphertext);
  }

  private static byte[] rsa(int mode, java.security.Key key, EncryptionAlgorithm alg, byte[] input)
      throws InvalidInputException {
    try {
      Cipher c = Cipher.getInstance(alg.transformation());
      if (alg.oaepParameters() != null) c.init(mode, key, alg.oaepParameters());
      else c.init(mode, key);
      return c.doFinal(input);
    } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
      throw new InvalidInputException(mode == Cipher.DECRYPT_MODE
          ? "The value could not be decrypted with this key and algorithm " + alg.wireName() + "."
          : "The value is too large for this key and algorithm " + alg.wireName() + ".", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA " + alg.wireName() + " is unavailable", e);
    }
  }

  public static byte[] sign(PrivateKey key, SignatureAlgorithm alg, byte[] digest) {
    try {
      Signature s = signature(alg);
      s.initSign(key);
      s.update(input(alg, digest));
      return s.sign();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign with " + alg.wireName(), e);
    }
  }

  public static boolean verify(PublicKey key, SignatureAlgorithm alg, byte[] digest, byte[] signature) {
    try {
      Signature s = signature(alg);
      s.initVerify(key);
      s.update(input(alg, digest));
      return s.verify(signature);
    } catch (SignatureException e) {
      return false; // malformed signature: it does not verify
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot verify with " + alg.wireName(), e);
    }
  }

  /** For PKCS#1 v1.5 the raw RSA input is the DER DigestInfo (hash OID and digest). */
  public static byte[] input(SignatureAlgorithm alg, byte[] digest) throws IOException {
    if (alg.family() != SignatureAlgorithm.Family.RSA_PKCS1) return digest;
    var id = new DefaultDigestAlgorithmIdentifierFinder().find(alg.digest());
    return new DigestInfo(id, digest).getEncoded(ASN1Encoding.DER);
  }

  private static Signature signature(SignatureAlgorithm alg) throws GeneralSecurityException {
    return switch (alg.family()) {
      case RSA_PKCS1 -> Signature.getInstance("NONEwithRSA");
      case ECDSA -> Signature.getInstance("NONEwithECDSAinP1363Format");
      case RSA_PSS -> {
        Signature s = Signature.getInstance("NONEwithRSASSA-PSS", BC);
        s.setParameter(new PSSParameterSpec(alg.digest(), "MGF1", new MGF1ParameterSpec(alg.digest()),
            alg.digestLength(), 1));
        yield s;
      }
    };
  }
}
