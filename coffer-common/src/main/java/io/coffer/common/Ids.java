package io.coffer.common;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers: upload ids, passwords, key versions. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHANUM =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Ids() {}

  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  public static String hex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  public static String password(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHANUM[RANDOM.nextInt(ALPHANUM.length)]);
    }
    return sb.toString();
  }
}
