package io.coffer.registry.application;

import java.util.Optional;

/** Where a manifest stands in quarantine; stored and shown by its wire name. */
public enum QuarantineState {
  QUARANTINED("Quarantined"), PASSED("Passed");

  private final String wireName;

  QuarantineState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The state named {@code text} (case-insensitive), if any. */
  public static Optional<QuarantineState> parse(String text) {
    for (QuarantineState s : values()) {
      if (s.wireName.equalsIgnoreCase(text)) return Optional.of(s);
    }
    return Optional.empty();
  }

  public static boolean isQuarantined(String stored) {
    return QUARANTINED.wireName.equals(stored);
  }
}
