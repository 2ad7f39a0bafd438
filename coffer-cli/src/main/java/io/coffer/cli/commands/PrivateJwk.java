package io.coffer.cli.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * A private key as the JsonWebKey of a Key Vault import: RSA with its CRT numbers, EC on P-256,
 * P-384 or P-521. Numbers are base64url without padding; RSA's are unsigned big-endian with no
 * leading zero, EC's are left-padded to the curve's field length.
 */
final class PrivateJwk {
  private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
      SECObjectIdentifiers.secp256r1, "P-256",
      SECObjectIdentifiers.secp384r1, "P-384",
      SECObjectIdentifiers.secp521r1, "P-521");
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private PrivateJwk() {}

  /** The JWK of {@code key}; {@code hsm} makes its type RSA-HSM or EC-HSM. */
  static ObjectNode of(PrivateKeyInfo key, boolean hsm) {
    ASN1ObjectIdentifier algorithm = key.getPrivateKeyAlgorithm().getAlgorithm();
    try {
      if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
        return rsa(RSAPrivateKey.getInstance(key.parsePrivateKey()), hsm);
      }
      if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        ECPrivateKey ec = ECPrivateKey.getInstance(key.parsePrivateKey());
        // The curve is named in the algorithm (PKCS#8) or, in SEC1, inside the key itself.
        ASN1Encodable parameters = key.getPrivateKeyAlgorithm().getParameters();
        if (parameters == null || parameters instanceof ASN1Null) parameters = ec.getParametersObject();
        if (parameters == null) throw PemPrivateKey.failed("the EC private key does not name its curve.");
        return ec(X962Parameters.getInstance(parameters), ec, hsm);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw PemPrivateKey.failed("the private key is malformed.");
    }
    throw PemPrivateKey.failed("unsupported key algorithm " + algorithm.getId() + "; only RSA and EC keys can "
        + "be imported.");
  }

  private static ObjectNode rsa(RSAPrivateKey k, boolean hsm) {
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    jwk.put("kty", hsm ? "RSA-HSM" : "RSA");
    jwk.put("n", unsigned(k.getModulus()));
    jwk.put("e", unsigned(k.getPublicExponent()));
    jwk.put("d", unsigned(k.getPrivateExponent()));
    jwk.put("p", unsigned(k.getPrime1()));
    jwk.put("q", unsigned(k.getPrime2()));
    jwk.put("dp", unsigned(k.getExponent1()));
    jwk.put("dq", unsigned(k.getExponent2()));
    jwk.put("qi", unsigned(k.getCoefficient()));
    return jwk;
  }

  private static ObjectNode ec(X962Parameters parameters, ECPrivateKey k, boolean hsm) {
    String crv = parameters.isNamedCurve() ? CURVES.get((ASN1ObjectIdentifier) parameters.getParameters()) : null;
    if (crv == null) {
      throw PemPrivateKey.failed("unsupported elliptic curve; only P-256, P-384 and P-521 keys can be imported.");
    }
    X9ECParameters curve = ECNamedCurveTable.getByOID((ASN1ObjectIdentifier) parameters.getParameters());
    BigInteger d = k.getKey();
    if (d.signum() <= 0 || d.compareTo(curve.getN()) >= 0) {
      throw PemPrivateKey.failed("the EC private key is out of range.");
    }
    // Derived rather than read: SEC1's public key is optional, and a derived one cannot disagree with d.
    ECPoint q = curve.getG().multiply(d).normalize();
    int length = (curve.getCurve().getFieldSize() + 7) / 8;
    ObjectNode jwk = JsonNodeFactory.instance.objectNode();
    jwk.put("kty", hsm ? "EC-HSM" : "EC");
    jwk.put("crv", crv);
    jwk.put("x", padded(length, q.getAffineXCoord().toBigInteger()));
    jwk.put("y", padded(length, q.getAffineYCoord().toBigInteger()));
    jwk.put("d", padded(length, d));
    return jwk;
  }

  private static String unsigned(BigInteger value) {
    return B64URL.encodeToString(BigIntegers.asUnsignedByteArray(value));
  }

  private static String padded(int length, BigInteger value) {
    return B64URL.encodeToString(BigIntegers.asUnsignedByteArray(length, value));
  }
}
