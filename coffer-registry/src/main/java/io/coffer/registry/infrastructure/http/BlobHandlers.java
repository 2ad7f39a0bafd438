package io.coffer.registry.infrastructure.http;

import io.coffer.registry.application.BlobService;
import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /v2/<name>/blobs/<digest>}: HEAD, GET (with Range) and DELETE. */
final class BlobHandlers {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)", Pattern.CASE_INSENSITIVE);
  private final BlobService blobs;
  private final ExecutorService io;

  BlobHandlers(BlobService blobs, ExecutorService io) {
    this.blobs = blobs;
    this.io = io;
  }

  void get(OciRequest r, boolean withBody) throws IOException {
    Digest d = Digest.parse(r.param());
    long size = blobs.size(r.registry(), r.name(), d);
    long start = 0;
    long end = size - 1;
    String range = r.ctx().header("Range");
    // RFC 9110 section 14.2: a Range in a unit other than bytes is ignored, not refused.
    boolean partial = range != null && range.trim().regionMatches(true, 0, "bytes=", 0, 6);
    if (partial) {
      Matcher m = RANGE.matcher(range.trim());
      if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
        rangeNotSatisfiable(r, size);
        return;
      }
      if (m.group(1).isEmpty()) {
        start = Math.max(0, size - Long.parseLong(m.group(2)));
      } else {
        start = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty()) end = Math.min(end, Long.parseLong(m.group(2)));
      }
      if (start > end || start >= size) {
        rangeNotSatisfiable(r, size);
        return;
      }
      r.ctx().status(206);
      r.ctx().header("Content-Range", "bytes " + start + "-" + end + "/" + size);
    } else {
      r.ctx().status(200);
    }
    long length = size == 0 ? 0 : end - start + 1;
    r.ctx().header("Docker-Content-Digest", d.toString());
    r.ctx().header("Accept-Ranges", "bytes");
    r.ctx().header("Etag", "\"" + d + "\"");
    r.ctx().contentType("application/octet-stream");
    // Opened before the length is set and the response committed: a registry whose key is revoked
    // answers every read, HEAD included, with an error body that names the cause.
    try (SeekableByteChannel in = blobs.open(r.registry(), d, start)) {
      r.ctx().res().setContentLengthLong(length);
      if (!withBody || length == 0) return;
      OutputStream out = r.ctx().res().getOutputStream();
      Streams.send(in, out, length, io);
      out.flush();
    }
  }

  private static void rangeNotSatisfiable(OciRequest r, long size) {
    r.ctx().status(416);
    r.ctx().header("Content-Range", "bytes */" + size);
    throw new RegistryException(ErrorKind.RANGE_INVALID, "requested range not satisfiable for a blob of " + size
        + " bytes");
  }

  void delete(OciRequest r) {
    blobs.delete(r.registry(), r.name(), Digest.parse(r.param()));
    r.ctx().status(202);
    r.ctx().header("Content-Length", "0");
  }
}
