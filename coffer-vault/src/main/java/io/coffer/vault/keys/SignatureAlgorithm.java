package io.coffer.vault.keys;

import java.util.Optional;

/**
 * Signature algorithms of sign/verify. The caller sends the digest, already computed; its length
 * must match the algorithm's hash. ES* signatures are the raw {@code r || s} of JWS.
 */
public enum SignatureAlgorithm {
  RS256(Family.RSA_PKCS1, "SHA-256", 32, null), RS384(Family.RSA_PKCS1, "SHA-384", 48, null),
  RS512(Family.RSA_PKCS1, "SHA-512", 64, null),
  PS256(Family.RSA_PSS, "SHA-256", 32, null), PS384(Family.RSA_PSS, "SHA-384", 48, null),
  PS512(Family.RSA_PSS, "SHA-512", 64, null),
  ES256(Family.ECDSA, "SHA-256", 32, Curve.P_256), ES384(Family.ECDSA, "SHA-384", 48, Curve.P_384),
  ES512(Family.ECDSA, "SHA-512", 64, Curve.P_521);

  public enum Family { RSA_PKCS1, RSA_PSS, ECDSA }

  private final Family family;
  private final String digest;
  private final int digestLength;
  private final Curve curve;

  SignatureAlgorithm(Family family, String digest, int digestLength, Curve curve) {
    this.family = family;
    this.digest = digest;
    this.digestLength = digestLength;
    this.curve = curve;
  }

  public String wireName() {
    return name();
  }

  public Family family() {
    return family;
  }

  /** The JCA name of the hash the digest was made with. */
  public String digest() {
    return digest;
  }

  public int digestLength() {
    return digestLength;
  }

  /** The curve an ES* algorithm belongs to (ES512 is P-521); null for RSA. */
  public Curve curve() {
    return curve;
  }

  public static Optional<SignatureAlgorithm> parse(String name) {
    for (SignatureAlgorithm a : values()) {
      if (a.name().equals(name)) return Optional.of(a);
    }
    return Optional.empty();
  }
}
