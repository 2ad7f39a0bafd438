package io.coffer.cli;

/**
 * An error the user should read: printed as {@code ERROR: <message>} with the az exit code
 * (1 for most failures, 2 for usage errors, 3 when a resource does not exist).
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int NOT_FOUND = 3;

  private final int exitCode;

  public CliException(String message) {
    this(message, FAILURE);
  }

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException notFound(String message) {
    return new CliException(message, NOT_FOUND);
  }

  public int exitCode() {
    return exitCode;
  }
}
