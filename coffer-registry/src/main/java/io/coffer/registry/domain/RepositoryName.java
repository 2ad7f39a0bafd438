package io.coffer.registry.domain;

import java.util.regex.Pattern;

/**
 * A repository inside a registry. The full OCI name is {@code <registry>/<repository>}: the
 * first path component picks the registry.
 */
public record RepositoryName(String registry, String repository) {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  public static final int MAX_LENGTH = 255;

  public static RepositoryName parse(String fullName) {
    if (fullName == null || fullName.isEmpty() || fullName.length() > MAX_LENGTH) {
      throw new RegistryException(ErrorKind.NAME_INVALID, "invalid repository name: must be 1 to "
          + MAX_LENGTH + " characters", fullName);
    }
    String[] parts = fullName.split("/", -1);
    for (String p : parts) {
      if (!COMPONENT.matcher(p).matches()) {
        throw new RegistryException(ErrorKind.NAME_INVALID, "invalid repository name '" + fullName
            + "': components are lower-case letters and digits separated by '.', '_', '__' or '-'", fullName);
      }
    }
    if (parts.length < 2) {
      throw new RegistryException(ErrorKind.NAME_INVALID, "invalid repository name '" + fullName
          + "': name the registry first, as <registry>/<repository>", fullName);
    }
    int slash = fullName.indexOf('/');
    return new RepositoryName(fullName.substring(0, slash), fullName.substring(slash + 1));
  }

  public String full() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    return full();
  }
}
