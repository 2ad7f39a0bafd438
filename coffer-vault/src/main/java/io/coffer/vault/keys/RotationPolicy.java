package io.coffer.vault.keys;

import java.time.Instant;
import java.util.List;

/**
 * When a key rotates by itself. Each lifetime action has one trigger: {@code timeAfterCreate} (of
 * the current version) or {@code timeBeforeExpiry} (of the current version's exp). New versions
 * made by rotation get {@code exp = now + expiryTime} when it is set.
 */
public record RotationPolicy(List<LifetimeAction> lifetimeActions, IsoPeriod expiryTime, Instant created,
    Instant updated) {
  public enum ActionType {
    ROTATE("Rotate"), NOTIFY("Notify");

    private final String wireName;

    ActionType(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** Exactly one of the two triggers is set. */
  public record LifetimeAction(ActionType type, IsoPeriod timeAfterCreate, IsoPeriod timeBeforeExpiry) {}

  public RotationPolicy {
    lifetimeActions = List.copyOf(lifetimeActions);
  }

  /** What a key without a policy answers: notify 30 days before expiry, as Key Vault does. */
  public static RotationPolicy defaultPolicy() {
    return new RotationPolicy(List.of(new LifetimeAction(ActionType.NOTIFY, null, IsoPeriod.parse("P30D"))),
        null, null, null);
  }

  /** When the current version, made at {@code created} and expiring at {@code expires} (or null), is due to rotate. */
  public Instant rotationDue(Instant created, Instant expires) {
    Instant due = null;
    for (LifetimeAction a : lifetimeActions) {
      if (a.type() != ActionType.ROTATE) continue;
      Instant at = a.timeAfterCreate() != null ? a.timeAfterCreate().after(created)
          : expires != null ? a.timeBeforeExpiry().before(expires) : null;
      if (at != null && (due == null || at.isBefore(due))) due = at;
    }
    return due;
  }
}
