package io.coffer.cli.http;

import java.nio.charset.StandardCharsets;

/** Builds URL paths from user input without letting a name escape its path segment. */
public final class UrlPaths {
  private UrlPaths() {}

  /** One path segment; keeps RFC 3986 unreserved characters and ':' '@' (digests, tags). */
  public static String segment(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
        if (c == '.' && (value.equals(".") || value.equals(".."))) {
          sb.append("%2E");
        } else {
          sb.append((char) c);
        }
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  /** A repository name such as {@code team/app}: each segment encoded, slashes kept. */
  public static String repository(String name) {
    String[] parts = name.split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) sb.append('/');
      sb.append(segment(parts[i]));
    }
    return sb.toString();
  }

  /** A query parameter value. */
  public static String query(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
