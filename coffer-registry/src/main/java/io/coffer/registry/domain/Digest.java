package io.coffer.registry.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest {@code algorithm:hex}; sha256 and sha512 are supported. */
public record Digest(String algorithm, String hex) {
  private static final Pattern FORM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  public static Digest parse(String text) {
    if (text == null || !FORM.matcher(text).matches()) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID, "invalid digest '" + text + "'");
    }
    int colon = text.indexOf(':');
    String alg = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    int expectedLength = switch (alg) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw new RegistryException(ErrorKind.DIGEST_INVALID, "unsupported digest algorithm '" + alg + "'");
    };
    if (hex.length() != expectedLength || !hex.matches("[a-f0-9]+")) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID, "invalid " + alg + " digest '" + text + "'");
    }
    return new Digest(alg, hex);
  }

  public static boolean looksLikeDigest(String reference) {
    return reference.contains(":");
  }

  public MessageDigest newHasher() {
    return hasher(algorithm);
  }

  public static MessageDigest hasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  public static Digest sha256(byte[] content) {
    return of("sha256", hasher("sha256").digest(content));
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
