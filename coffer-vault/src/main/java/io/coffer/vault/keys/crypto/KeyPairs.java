package io.coffer.vault.keys.crypto;

import io.coffer.vault.keys.Curve;
import io.coffer.vault.keys.KeyException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * Generates software key pairs, builds imported ones from their numbers (refusing numbers that do
 * not form a key pair), and reads public keys back from their X.509 encoding.
 */
public final class KeyPairs {
  private KeyPairs() {}

  public static KeyPair rsa(int bits, BigInteger publicExponent) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(new RSAKeyGenParameterSpec(bits, publicExponent));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  public static KeyPair ec(Curve curve) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec(curve.jcaName()));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an EC key on " + curve.wireName(), e);
    }
  }

  /**
   * An RSA key pair from its CRT numbers. They must belong together: {@code n = p·q}, and a value
   * raised to {@code e} then to {@code d} modulo n comes back unchanged.
   */
  public static KeyPair rsa(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q, BigInteger dp,
      BigInteger dq, BigInteger qi) {
    BigInteger probe = BigInteger.valueOf(0x5eed);
    boolean consistent = n.signum() > 0 && e.signum() > 0 && d.signum() > 0 && p.multiply(q).equals(n)
        && probe.modPow(e, n).modPow(d, n).equals(probe)
        && dp.equals(d.mod(p.subtract(BigInteger.ONE))) && dq.equals(d.mod(q.subtract(BigInteger.ONE)))
        && qi.equals(q.modInverse(p));
    if (!consistent) throw KeyException.badParameter("The RSA key's numbers do not form a key pair.");
    try {
      KeyFactory f = KeyFactory.getInstance("RSA");
      return new KeyPair(f.generatePublic(new RSAPublicKeySpec(n, e)),
          f.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi)));
    } catch (GeneralSecurityException | ArithmeticException ex) {
      throw KeyException.badParameter("The RSA key is not valid: " + ex.getMessage());
    }
  }

  /** An EC key pair from its coordinates and private scalar, which must give that point: d·G = (x, y). */
  public static KeyPair ec(Curve curve, BigInteger x, BigInteger y, BigInteger d) {
    X9ECParameters named = CustomNamedCurves.getByName(curve.jcaName());
    boolean inRange = d.signum() > 0 && d.compareTo(named.getN()) < 0;
    org.bouncycastle.math.ec.ECPoint expected = inRange ? named.getG().multiply(d).normalize() : null;
    if (expected == null || !expected.getAffineXCoord().toBigInteger().equals(x)
        || !expected.getAffineYCoord().toBigInteger().equals(y)) {
      throw KeyException.badParameter("The EC key's private value does not match its public point on " + curve.wireName() + ".");
    }
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(curve.jcaName()));
      ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
      KeyFactory f = KeyFactory.getInstance("EC");
      return new KeyPair(f.generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec)),
          f.generatePrivate(new ECPrivateKeySpec(d, spec)));
    } catch (GeneralSecurityException ex) {
      throw KeyException.badParameter("The EC key is not valid: " + ex.getMessage());
    }
  }

  public static PublicKey publicKey(boolean rsa, byte[] x509) {
    try {
      return KeyFactory.getInstance(rsa ? "RSA" : "EC").generatePublic(new X509EncodedKeySpec(x509));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored public key is unreadable", e);
    }
  }
}
