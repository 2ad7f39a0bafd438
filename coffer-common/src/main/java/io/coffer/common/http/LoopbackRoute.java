package io.coffer.common.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * Reaches {@code *.localhost} hosts (each vault is {@code {name}.vault.localhost}) on the loopback
 * address. RFC 6761 reserves these names for this machine, but the JDK asks the system resolver,
 * which on Debian does not know them, and Java 17 has no resolver hook. So the request goes to
 * 127.0.0.1 and the real name travels where the server and TLS look for it: the {@code Host}
 * header, the TLS SNI, and the certificate check ({@link HostBoundTrustManager}).
 *
 * <p>{@code Host} is a restricted header of {@code java.net.http}; the JDK reads
 * {@code jdk.httpclient.allowRestrictedHeaders} once, when its HTTP classes load. This class sets
 * it before an HTTP client is built; a process that used {@code java.net.http}
 * earlier must pass {@code -Djdk.httpclient.allowRestrictedHeaders=host} itself.
 */
public final class LoopbackRoute {
  public static final String ALLOW_PROPERTY = "jdk.httpclient.allowRestrictedHeaders";
  private static final String LOOPBACK = "127.0.0.1";

  private LoopbackRoute() {}

  /** Adds {@code host} to the restricted headers the JDK lets callers set; keeps what was there. */
  public static void allowHostHeader() {
    String current = System.getProperty(ALLOW_PROPERTY);
    if (current == null || current.isBlank()) {
      System.setProperty(ALLOW_PROPERTY, "host");
    } else if (List.of(current.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream().noneMatch("host"::equals)) {
      System.setProperty(ALLOW_PROPERTY, current + ",host");
    }
  }

  /** True for {@code x.localhost}, {@code a.b.localhost}; plain {@code localhost} resolves already. */
  public static boolean applies(String host) {
    if (host == null) return false;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    return h.endsWith(".localhost") && h.length() > ".localhost".length();
  }

  /** The same URL with the host replaced by the loopback address. */
  public static URI wire(URI uri) {
    return URI.create(uri.getScheme() + "://" + LOOPBACK + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  /** The {@code Host} header value the client would have sent for {@code uri}. */
  public static String hostHeader(URI uri) {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /** TLS parameters that name the real host in SNI (the JDK sends no SNI for an IP address). */
  public static SSLParameters sslParameters(String host) {
    SSLParameters parameters = new SSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(host)));
    return parameters;
  }
}
