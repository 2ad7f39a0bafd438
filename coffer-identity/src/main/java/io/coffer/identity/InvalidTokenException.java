package io.coffer.identity;

/** A bearer token that is malformed, badly signed, expired or meant for another audience. */
public final class InvalidTokenException extends Exception {
  public InvalidTokenException(String message) {
    super(message);
  }
}
