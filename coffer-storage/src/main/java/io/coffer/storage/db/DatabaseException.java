package io.coffer.storage.db;

import java.sql.SQLException;

/** The metadata store failed; callers treat it as an internal error. */
public final class DatabaseException extends RuntimeException {
  public DatabaseException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  public SQLException sqlException() {
    return (SQLException) getCause();
  }

  /** Whether the failure was a uniqueness or key constraint. */
  public boolean isConstraintViolation() {
    String state = sqlException().getSQLState();
    return (state != null && state.startsWith("23"))
        || String.valueOf(getMessage()).contains("CONSTRAINT");
  }
}
