package io.coffer.cli.commands;

import io.coffer.cli.CliException;

/** {@code REPO:TAG} or {@code REPO@sha256:...}; no tag means {@code latest}, as in az. */
record ImageReference(String repository, String reference) {
  static ImageReference parse(String image) {
    String repo;
    String ref;
    int at = image.indexOf('@');
    if (at >= 0) {
      repo = image.substring(0, at);
      ref = image.substring(at + 1);
    } else {
      int colon = image.lastIndexOf(':');
      if (colon > image.lastIndexOf('/')) {
        repo = image.substring(0, colon);
        ref = image.substring(colon + 1);
      } else {
        repo = image;
        ref = "latest";
      }
    }
    if (repo.isEmpty() || ref.isEmpty()) {
      throw new CliException("Invalid --image '" + image + "': use REPOSITORY:TAG or REPOSITORY@DIGEST.",
          CliException.USAGE);
    }
    return new ImageReference(repo, ref);
  }

  boolean isDigest() {
    return reference.contains(":");
  }
}
