package io.coffer.registry.infrastructure.http;

import io.coffer.registry.application.ManifestService;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.ManifestParser;
import io.coffer.registry.domain.MediaTypes;
import io.coffer.registry.domain.RegistryException;
import java.io.IOException;

/** {@code /v2/<name>/manifests/<reference>}: PUT, GET, HEAD, DELETE. */
final class ManifestHandlers {
  private final ManifestService manifests;

  ManifestHandlers(ManifestService manifests) {
    this.manifests = manifests;
  }

  void put(OciRequest r) throws IOException {
    long declared = r.ctx().req().getContentLengthLong();
    byte[] body = declared > ManifestParser.MAX_SIZE ? null
        : Streams.readAtMost(r.ctx().req().getInputStream(), ManifestParser.MAX_SIZE);
    if (body == null) throw new RegistryException(ErrorKind.MANIFEST_TOO_LARGE, "manifest exceeds the 4 MiB limit");
    var result = manifests.put(r.registry(), r.name(), r.param(), body, r.ctx().header("Content-Type"));
    r.ctx().status(201);
    r.ctx().header("Location", r.base() + "/manifests/" + result.digest());
    r.ctx().header("Docker-Content-Digest", result.digest().toString());
    if (result.subject() != null) r.ctx().header("OCI-Subject", result.subject().toString());
    r.ctx().header("Content-Length", "0");
  }

  void get(OciRequest r, boolean withBody) throws IOException {
    var m = manifests.pull(r.registry(), r.name(), r.param());
    if (!accepts(r.ctx().req().getHeaders("Accept"), m.mediaType())) {
      throw new RegistryException(ErrorKind.MANIFEST_UNKNOWN, "manifest is of type " + m.mediaType()
          + ", which the request does not accept", r.param());
    }
    // Opened first, for HEAD too: a registry whose key is revoked answers with an error body that
    // names the cause, not with headers of content it can no longer read.
    byte[] content = manifests.content(r.registry(), m);
    r.ctx().status(200);
    r.ctx().contentType(m.mediaType());
    r.ctx().header("Docker-Content-Digest", m.digest().toString());
    r.ctx().header("Etag", "\"" + m.digest() + "\"");
    r.ctx().res().setContentLengthLong(m.size());
    if (withBody) r.ctx().res().getOutputStream().write(content);
  }

  /** No Accept header, a wildcard, or the stored type listed: the stored manifest is served as is. */
  static boolean accepts(java.util.Enumeration<String> acceptHeaders, String mediaType) {
    if (acceptHeaders == null || !acceptHeaders.hasMoreElements()) return true;
    boolean sawManifestType = false;
    while (acceptHeaders.hasMoreElements()) {
      for (String part : acceptHeaders.nextElement().split(",")) {
        String t = part.split(";")[0].trim();
        if (t.equals(mediaType) || t.equals("*/*") || t.equals("application/*")) return true;
        if (MediaTypes.MANIFESTS.contains(t)) sawManifestType = true;
      }
    }
    return !sawManifestType;
  }

  void delete(OciRequest r) {
    manifests.delete(r.registry(), r.name(), r.param());
    r.ctx().status(202);
    r.ctx().header("Content-Length", "0");
  }
}
