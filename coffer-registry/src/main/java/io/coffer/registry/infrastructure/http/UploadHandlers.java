package io.coffer.registry.infrastructure.http;

import io.coffer.registry.application.BlobService;
import io.coffer.registry.application.UploadService;
import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<name>/blobs/uploads/[<id>]}: start, mount, chunk, status, complete, cancel. */
final class UploadHandlers {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");
  private final UploadService uploads;
  private final BlobService blobs;

  UploadHandlers(UploadService uploads, BlobService blobs) {
    this.uploads = uploads;
    this.blobs = blobs;
  }

  void start(OciRequest r) throws IOException {
    String mount = r.ctx().queryParam("mount");
    String from = r.ctx().queryParam("from");
    String digest = r.ctx().queryParam("digest");
    if (mount != null) {
      Digest d = Digest.parse(mount);
      boolean mounted = from == null ? blobs.mountFromAnyRepository(r.registry(), r.name(), d, r.mayPull())
          : r.mayPull().test(from) && blobs.mount(r.registry(), r.name(), from, d);
      if (mounted) {
        created(r, d);
        return;
      }
    } else if (digest != null) {
      Digest d = Digest.parse(digest);
      uploads.putMonolithic(r.registry(), r.name(), d, r.ctx().req().getInputStream());
      created(r, d);
      return;
    }
    var state = uploads.start(r.registry(), r.name());
    accepted(r, state);
  }

  void patch(OciRequest r) throws IOException {
    Long start = null;
    Long end = null;
    String contentRange = r.ctx().header("Content-Range");
    if (contentRange != null && !contentRange.isBlank()) {
      Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
      if (!m.matches()) {
        throw new RegistryException(ErrorKind.RANGE_INVALID, "malformed Content-Range '" + contentRange + "'",
            uploads.status(r.registry(), r.name(), r.param()).size());
      }
      start = Long.parseLong(m.group(1));
      end = Long.parseLong(m.group(2));
      if (end < start) {
        throw new RegistryException(ErrorKind.RANGE_INVALID, "Content-Range ends before it starts",
            uploads.status(r.registry(), r.name(), r.param()).size());
      }
    }
    var state = uploads.append(r.registry(), r.name(), r.param(), r.ctx().req().getInputStream(), start, end);
    accepted(r, state);
  }

  void complete(OciRequest r) throws IOException {
    String digest = r.ctx().queryParam("digest");
    if (digest == null || digest.isBlank()) {
      throw new RegistryException(ErrorKind.DIGEST_INVALID, "the digest query parameter is required to finish an upload");
    }
    Digest d = Digest.parse(digest);
    InputStream body = r.ctx().req().getInputStream();
    uploads.complete(r.registry(), r.name(), r.param(), d, body);
    created(r, d);
  }

  void status(OciRequest r) {
    var state = uploads.status(r.registry(), r.name(), r.param());
    r.ctx().status(204);
    headers(r, state);
  }

  void cancel(OciRequest r) throws IOException {
    uploads.cancel(r.registry(), r.name(), r.param());
    r.ctx().status(204);
  }

  private static void created(OciRequest r, Digest d) {
    r.ctx().status(201);
    r.ctx().header("Location", r.base() + "/blobs/" + d);
    r.ctx().header("Docker-Content-Digest", d.toString());
    r.ctx().header("Content-Length", "0");
  }

  private static void accepted(OciRequest r, UploadService.UploadState state) {
    r.ctx().status(202);
    headers(r, state);
    r.ctx().header("Content-Length", "0");
  }

  private static void headers(OciRequest r, UploadService.UploadState state) {
    r.ctx().header("Location", r.base() + "/blobs/uploads/" + state.id());
    r.ctx().header("Docker-Upload-UUID", state.id());
    r.ctx().header("Range", state.size() == 0 ? "0-0" : "0-" + (state.size() - 1));
  }
}
