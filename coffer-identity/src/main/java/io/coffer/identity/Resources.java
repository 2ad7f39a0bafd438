package io.coffer.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Resource URIs that tokens are requested for, and the audience each gets. */
public final class Resources {
  private Resources() {}

  /**
   * The audience for a {@code resource} (or an OAuth2 scope {@code <resource>/.default}): the absolute
   * http(s) URI without its trailing slash.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URI with a host
   */
  public static String audience(String resourceOrScope) {
    if (resourceOrScope == null || resourceOrScope.isBlank()) {
      throw new IllegalArgumentException("a resource URI is required");
    }
    String r = resourceOrScope.trim();
    if (r.endsWith("/.default")) r = r.substring(0, r.length() - "/.default".length());
    while (r.endsWith("/")) r = r.substring(0, r.length() - 1);
    try {
      URI u = new URI(r);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawQuery() != null
          || u.getRawFragment() != null) {
        throw new IllegalArgumentException("'" + resourceOrScope + "' is not an absolute http(s) resource URI");
      }
      return r;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + resourceOrScope + "' is not a valid resource URI");
    }
  }

  /** Whether a scope names a resource ({@code <uri>/.default}) rather than registry access. */
  public static boolean isResourceScope(String scope) {
    return scope != null && scope.endsWith("/.default");
  }
}
