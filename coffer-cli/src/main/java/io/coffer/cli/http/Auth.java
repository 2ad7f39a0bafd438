package io.coffer.cli.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The Authorization header a request carries. Never printed: toString hides the secret. */
public sealed interface Auth {
  /** The header value, or null for none. */
  String header();

  static Auth none() {
    return new None();
  }

  static Auth bearer(String token) {
    return new Bearer(token);
  }

  static Auth basic(String user, String password) {
    return new Basic(user, password);
  }

  record None() implements Auth {
    @Override
    public String header() {
      return null;
    }
  }

  record Bearer(String token) implements Auth {
    @Override
    public String header() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[hidden]";
    }
  }

  record Basic(String user, String password) implements Auth {
    @Override
    public String header() {
      return "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[" + user + ", hidden]";
    }
  }
}
