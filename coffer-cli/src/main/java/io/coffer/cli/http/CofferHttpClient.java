package io.coffer.cli.http;

import io.coffer.common.http.LoopbackRoute;
import io.coffer.cli.CliException;
import io.coffer.cli.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The only HTTP door of the CLI: adds the Authorization header, refuses to send it to another
 * host than the server the user logged in to, logs requests under --debug (never headers), turns
 * connection failures and error responses into {@link CliException}s.
 */
public final class CofferHttpClient {
  private static final String USER_AGENT = "coffer-cli/0.1.0";
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

  static {
    // Before any java.net.http class reads it: lets *.localhost requests carry their Host header.
    LoopbackRoute.allowHostHeader();
  }

  private final HttpClient client;
  private final URI server;
  private final Log log;
  private final boolean loopback;

  CofferHttpClient(HttpClient client, URI server, Log log) {
    this.client = client;
    this.server = server;
    this.log = log;
    this.loopback = LoopbackRoute.applies(server.getHost());
  }

  /**
   * A client of one origin ({@code https://host[:port]}, a trailing slash allowed). A
   * {@code *.localhost} origin is reached on 127.0.0.1 with its name kept in the Host header, the
   * TLS SNI and the certificate check.
   */
  public static CofferHttpClient create(String server, List<Path> caFiles, Log log) {
    URI uri = normalizeServer(server);
    // HTTP/1.1 only: a CLI makes few calls, and h2c upgrade attempts confuse some proxies.
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(HttpClient.Redirect.NEVER);
    if ("https".equals(uri.getScheme())) {
      if (LoopbackRoute.applies(uri.getHost())) {
        builder.sslContext(TlsTrust.hostBoundContext(caFiles, uri.getHost()))
            .sslParameters(LoopbackRoute.sslParameters(uri.getHost()));
      } else {
        builder.sslContext(TlsTrust.context(caFiles));
      }
    }
    return new CofferHttpClient(builder.build(), uri, log);
  }

  /** {@code host:port} alone means https; a trailing slash is dropped. */
  public static URI normalizeServer(String server) {
    String s = server.trim();
    if (!s.matches("(?i)^https?://.*")) s = "https://" + s;
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    try {
      URI uri = new URI(s);
      if (uri.getHost() == null) throw new URISyntaxException(s, "no host");
      if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
        throw new URISyntaxException(s, "the server URL must not have a path or query");
      }
      return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new CliException("Invalid server URL '" + server + "': " + e.getReason() + ".", CliException.USAGE);
    }
  }

  public URI server() {
    return server;
  }

  public String serverText() {
    return server.toString();
  }

  /** A URL on the server from an already-encoded path and query. */
  public URI url(String pathAndQuery) {
    return URI.create(server + pathAndQuery);
  }

  /** Resolves a link the server gave (nextLink, Link, Location) and checks it stays on the server. */
  public URI follow(URI base, String link) {
    URI target = base.resolve(link);
    if (!sameOrigin(target)) {
      throw new CliException("The server sent a link to another host (" + target.getScheme() + "://"
          + target.getAuthority() + "); refusing to send credentials there.");
    }
    return target;
  }

  private boolean sameOrigin(URI uri) {
    return server.getScheme().equalsIgnoreCase(uri.getScheme())
        && server.getHost().equalsIgnoreCase(uri.getHost())
        && port(server) == port(uri);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) return uri.getPort();
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Sends a request and maps any non-2xx answer to the user's error message. */
  public HttpResult exchange(String method, URI uri, Auth auth, String contentType, byte[] body) {
    HttpResult result = send(method, uri, auth, contentType, body);
    if (!result.isSuccess()) throw ErrorMapper.toException(result);
    return result;
  }

  /** Sends a request and returns whatever status came back; only connection failures throw. */
  public HttpResult send(String method, URI uri, Auth auth, String contentType, byte[] body) {
    if (!sameOrigin(uri)) throw new IllegalArgumentException("not a URL of " + server + ": " + uri);
    HttpRequest.Builder request = HttpRequest.newBuilder(loopback ? LoopbackRoute.wire(uri) : uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null && contentType != null) request.header("Content-Type", contentType);
    if (loopback) hostHeader(request, uri);
    String authorization = auth.header();
    if (authorization != null) request.header("Authorization", authorization);
    log.debug("Request: " + method + " " + uri);
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      log.debug("Response: " + response.statusCode() + " (" + response.body().length + " bytes)");
      return new HttpResult(uri, response.statusCode(), response.headers(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("Interrupted while waiting for " + server + ".");
    } catch (IOException e) {
      throw connectionError(e);
    }
  }

  private static void hostHeader(HttpRequest.Builder request, URI uri) {
    try {
      request.header("Host", LoopbackRoute.hostHeader(uri));
    } catch (IllegalArgumentException e) {
      throw new CliException("Cannot reach " + uri.getHost() + " on the loopback address: this Java process "
          + "loaded its HTTP client before Coffer could allow the Host header. Start it with -D"
          + LoopbackRoute.ALLOW_PROPERTY + "=host.", CliException.FAILURE, e);
    }
  }

  private ConnectionException connectionError(IOException e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "the connection timed out";
    } else if (e instanceof HttpTimeoutException) {
      reason = "the server did not answer in time";
    } else if (causeOf(e, SSLException.class) != null) {
      return new ConnectionException("TLS connection to " + server + " failed: " + innermostMessage(e)
          + ". If the server uses a private CA, pass --ca-file to 'coffer login' or set COFFER_CA_BUNDLE.", e);
    } else {
      reason = innermostMessage(e);
    }
    return new ConnectionException("Cannot connect to the Coffer server at " + server + ": " + reason
        + ". Check that the server is running and that the URL is right.", e);
  }

  private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) return type.cast(c);
    }
    return null;
  }

  private static String innermostMessage(Throwable t) {
    String message = null;
    String name = t.getClass().getSimpleName();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) message = c.getMessage();
      name = c.getClass().getSimpleName();
    }
    if (name.equals("UnresolvedAddressException")) return "the host name does not resolve";
    return message != null ? message : name;
  }
}
