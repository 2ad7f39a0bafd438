package io.coffer.vault.keys;

import java.util.Optional;

/** The NIST curves of EC keys ({@code crv}), with their JCA names and coordinate sizes. */
public enum Curve {
  P_256("P-256", "secp256r1", 32), P_384("P-384", "secp384r1", 48), P_521("P-521", "secp521r1", 66);

  private final String wireName;
  private final String jcaName;
  private final int coordinateBytes;

  Curve(String wireName, String jcaName, int coordinateBytes) {
    this.wireName = wireName;
    this.jcaName = jcaName;
    this.coordinateBytes = coordinateBytes;
  }

  public String wireName() {
    return wireName;
  }

  public String jcaName() {
    return jcaName;
  }

  /** Length of x, y and of each half of a raw (r || s) signature. */
  public int coordinateBytes() {
    return coordinateBytes;
  }

  public static Optional<Curve> parse(String name) {
    for (Curve c : values()) {
      if (c.wireName.equalsIgnoreCase(name)) return Optional.of(c);
    }
    return Optional.empty();
  }
}
