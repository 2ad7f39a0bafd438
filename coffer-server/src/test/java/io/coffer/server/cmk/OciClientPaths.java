package io.coffer.server.cmk;

import java.net.http.HttpResponse;

/** Reading upload locations in tests. */
final class OciClientPaths {
  private OciClientPaths() {}

  /** The upload's Location, as a path with a query separator ready for more parameters. */
  static String location(HttpResponse<byte[]> started) {
    String location = started.headers().firstValue("Location").orElseThrow();
    return location + (location.contains("?") ? "" : "?");
  }
}
