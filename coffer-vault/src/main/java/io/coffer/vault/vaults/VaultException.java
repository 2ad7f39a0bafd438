package io.coffer.vault.vaults;

/** A vault request refused by the rules; the HTTP edge maps each {@link Problem} to a status and code once. */
public final class VaultException extends RuntimeException {
  public enum Problem {
    /** The vault name breaks the naming rules. */
    INVALID_NAME,
    /** A property has a value the rules refuse (retention, soft delete, purge protection, ip rule, ...). */
    INVALID_PROPERTY,
    /** The name is taken by another vault, active or soft-deleted. */
    NAME_IN_USE,
    /** The vault exists in another location than the one asked for. */
    LOCATION_CONFLICT,
    NOT_FOUND,
    DELETED_NOT_FOUND,
    /** A purge before the scheduled purge date of a vault under purge protection. */
    PURGE_PROTECTED
  }

  private final Problem problem;

  public VaultException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
