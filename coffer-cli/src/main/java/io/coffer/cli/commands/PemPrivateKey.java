package io.coffer.cli.commands;

import io.coffer.cli.CliException;
import java.io.IOException;
import java.io.StringReader;
import java.security.Provider;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The private key of a PEM text, as {@code az keyvault key import} reads it: PKCS#8
 * ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}), PKCS#1 {@code RSA PRIVATE KEY} and SEC1
 * {@code EC PRIVATE KEY}, those two also OpenSSL-encrypted ({@code Proc-Type: 4,ENCRYPTED}).
 * Certificates and EC parameters beside the key are skipped. Every failure is a usage error whose
 * message never quotes the PEM.
 */
final class PemPrivateKey {
  private PemPrivateKey() {}

  /** The key as PKCS#8, decrypted with {@code password} when the PEM is encrypted. */
  static PrivateKeyInfo read(String pem, char[] password) {
    Object found = single(pem);
    if (found instanceof PrivateKeyInfo info) return unencrypted(info, password);
    if (found instanceof PEMKeyPair pair) return unencrypted(privateKey(pair), password);
    if (found instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
      try {
        return encrypted.decryptPrivateKeyInfo(
            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(required(password)));
      } catch (CliException e) {
        throw e;
      } catch (Exception e) {
        throw wrongPassword();
      }
    }
    PEMEncryptedKeyPair encrypted = (PEMEncryptedKeyPair) found;
    try {
      return privateKey(encrypted.decryptKeyPair(
          new JcePEMDecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(required(password))));
    } catch (CliException e) {
      throw e;
    } catch (Exception e) {
      throw wrongPassword();
    }
  }

  /** The one private-key object of the PEM; a clear error when there is none or more than one. */
  private static Object single(String pem) {
    Object key = null;
    boolean publicKey = false;
    boolean certificate = false;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo
            || o instanceof PEMEncryptedKeyPair) {
          if (key != null) throw failed("the PEM holds more than one private key.");
          key = o;
        } else if (o instanceof SubjectPublicKeyInfo) {
          publicKey = true;
        } else if (o instanceof X509CertificateHolder) {
          certificate = true;
        } else if (!(o instanceof ASN1ObjectIdentifier)) {
          // An EC PARAMETERS block (an OID) often precedes an EC key; anything else is not a key.
          throw failed("the PEM holds a " + o.getClass().getSimpleName() + ", not a private key.");
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliException c) throw c;
      throw failed("the PEM data cannot be read (" + e.getClass().getSimpleName() + ").");
    }
    if (key != null) return key;
    if (publicKey) throw failed("the PEM holds a public key; importing needs the private key.");
    if (certificate) throw failed("the PEM holds only a certificate; importing needs the private key.");
    throw failed("no PEM private key found (expected -----BEGIN PRIVATE KEY-----, ENCRYPTED PRIVATE KEY, "
        + "RSA PRIVATE KEY or EC PRIVATE KEY).");
  }

  private static PrivateKeyInfo unencrypted(PrivateKeyInfo info, char[] password) {
    // As az: a password for a key that has none is a mistake worth telling.
    if (password != null) throw failed("--pem-password was given but the private key is not encrypted.");
    return info;
  }

  private static PrivateKeyInfo privateKey(PEMKeyPair pair) {
    PrivateKeyInfo info = pair.getPrivateKeyInfo();
    if (info == null) throw failed("the PEM key pair has no private key.");
    return info;
  }

  private static char[] required(char[] password) {
    if (password == null) throw failed("the private key is encrypted; give its password with --pem-password.");
    return password;
  }

  private static CliException wrongPassword() {
    return failed("the private key cannot be decrypted: wrong --pem-password, or the file is damaged.");
  }

  static CliException failed(String reason) {
    return KeyArguments.usage("Import failed: " + reason);
  }

  /** BouncyCastle's provider, unregistered, for the PEM ciphers the JDK lacks; built on first use. */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
