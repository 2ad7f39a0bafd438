package io.coffer.storage.blob;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path inside a {@link BlobStore}: slash-separated segments of {@code [A-Za-z0-9._-]}, never
 * {@code .} or {@code ..}, so no caller can address anything outside the store.
 */
public record BlobPath(List<String> segments) {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,255}");

  public BlobPath {
    if (segments.isEmpty()) throw new IllegalArgumentException("empty blob path");
    for (String s : segments) {
      if (!SEGMENT.matcher(s).matches() || s.equals(".") || s.equals("..")) {
        throw new IllegalArgumentException("invalid blob path segment '" + s + "'");
      }
    }
    segments = List.copyOf(segments);
  }

  public static BlobPath of(String... segments) {
    return new BlobPath(List.of(segments));
  }

  public BlobPath resolve(String... more) {
    var all = new java.util.ArrayList<>(segments);
    all.addAll(List.of(more));
    return new BlobPath(all);
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
