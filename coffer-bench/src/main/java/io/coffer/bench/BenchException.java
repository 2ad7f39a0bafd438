package io.coffer.bench;

/** A benchmark step failed; the message names the request or check, and is shown as is. */
final class BenchException extends RuntimeException {
  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
