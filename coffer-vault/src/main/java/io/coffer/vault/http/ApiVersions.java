package io.coffer.vault.http;

import java.util.Set;

/** The {@code api-version} values the keys API answers to; the JSON is the same for all of them. */
final class ApiVersions {
  static final String LATEST = "7.6";
  private static final Set<String> ACCEPTED = Set.of("7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01");

  private ApiVersions() {}

  /** Returns the version, or refuses a missing or unknown one in Key Vault's words. */
  static String check(String version) {
    if (version == null || version.isBlank()) {
      throw VaultHttpException.badParameter("The api-version query parameter is missing. Consider using the latest "
          + "supported version (" + LATEST + ").");
    }
    if (!ACCEPTED.contains(version)) {
      throw VaultHttpException.badParameter("The specified version (" + version + ") is not recognized. "
          + "Consider using the latest supported version (" + LATEST + ").");
    }
    return version;
  }
}
