package io.coffer.cli.session;

/** Gives a valid access token, refreshing it first when it is about to expire. */
@FunctionalInterface
public interface TokenSource {
  String accessToken();
}
