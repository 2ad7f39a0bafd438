package io.coffer.cli.http;

import io.coffer.cli.CliException;

/** The server could not be reached at all (as opposed to answering with an error). */
public final class ConnectionException extends CliException {
  private static final long serialVersionUID = 1L;

  ConnectionException(String message, Throwable cause) {
    super(message, FAILURE, cause);
  }
}
