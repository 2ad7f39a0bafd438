package io.coffer.common;

import java.net.URI;

/**
 * The address clients use to reach the server: {@code server.publicUrl} when configured (behind
 * a TLS-terminating proxy the request's own scheme and host would be wrong), else what the
 * request says.
 */
public final class PublicUrl {
  private final String configured;

  public PublicUrl(String configured) {
    String c = configured == null ? "" : configured.trim();
    this.configured = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
  }

  /** {@code scheme://host[:port]} for this request. */
  public String base(String requestScheme, String requestHost) {
    return configured.isEmpty() ? requestScheme + "://" + requestHost : configured;
  }

  /** {@code host[:port]}, as in a registry login server. */
  public String authority(String requestHost) {
    return configured.isEmpty() ? requestHost : URI.create(configured).getRawAuthority();
  }
}
