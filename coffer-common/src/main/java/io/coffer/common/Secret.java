package io.coffer.common;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A secret value that never prints. Bytes leave only through {@link #reveal()}, which callers use
 * right where the secret is consumed.
 */
public final class Secret {
  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value.clone();
  }

  public static Secret of(byte[] value) {
    return new Secret(value);
  }

  public static Secret of(String value) {
    return new Secret(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public byte[] reveal() {
    return value.clone();
  }

  public String revealString() {
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Constant-time comparison. */
  public boolean matches(byte[] candidate) {
    return MessageDigest.isEqual(value, candidate);
  }

  public void destroy() {
    Arrays.fill(value, (byte) 0);
  }

  @Override
  public String toString() {
    return "Secret[hidden]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && MessageDigest.isEqual(value, s.value);
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
