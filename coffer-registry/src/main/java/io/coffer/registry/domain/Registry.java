package io.coffer.registry.domain;

/** A registry as the data plane sees it. */
public record Registry(String id, String name, boolean anonymousPullEnabled) {
  /** The first path component clients use: the lower-case registry name. */
  public String pathName() {
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
