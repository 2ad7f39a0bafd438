package io.coffer.identity.managed;

/** A managed-identity request refused by the rules; the HTTP edge maps {@link Problem} to its wire code. */
public final class ManagedIdentityException extends RuntimeException {
  public enum Problem { INVALID_NAME, NOT_FOUND }

  private final Problem problem;

  public ManagedIdentityException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
