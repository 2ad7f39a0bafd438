package io.coffer.control.deployments.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.http.LoopbackRoute;
import io.coffer.control.deployments.application.ArmGateway;
import io.coffer.control.deployments.application.ArmResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The ARM edge reached over HTTP on this server's own listener: a deployment's calls take the
 * path of any client's (authentication, routing, every resource type's rules, error mapping),
 * which dispatching to the route handlers in process could only imitate.
 */
public final class LoopbackArm implements ArmGateway {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private final Supplier<OwnAddress> address;
  private volatile Connection connection;

  private record Connection(OwnAddress address, HttpClient client) {}

  public LoopbackArm(Supplier<OwnAddress> address) {
    this.address = address;
    // The caller's Host is passed on so that what the edge derives from it (login servers, URLs)
    // reads as the caller would see it; a JVM that loaded java.net.http earlier keeps Host restricted.
    LoopbackRoute.allowHostHeader();
  }

  @Override
  public ArmResponse send(Caller caller, String method, String path, String apiVersion, JsonNode body) {
    Connection c = connection();
    String query = apiVersion == null ? "" : "?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.address().base() + encode(path) + query))
        .timeout(TIMEOUT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    if (body != null) request.header("Content-Type", "application/json");
    if (caller.authorization() != null) request.header("Authorization", caller.authorization());
    if (caller.host() != null) {
      try {
        request.header("Host", caller.host());
      } catch (IllegalArgumentException restricted) {
        // Host stays restricted in this JVM: the edge then sees the loopback address instead.
      }
    }
    try {
      HttpResponse<byte[]> r = c.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ArmResponse(r.statusCode(), r.body(), r.headers().firstValue("WWW-Authenticate").orElse(null));
    } catch (IOException e) {
      return unreachable(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unreachable("interrupted");
    }
  }

  private Connection connection() {
    Connection c = connection;
    if (c == null) {
      OwnAddress a = address.get();
      HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
      if (a.certificate() != null) client.sslContext(trusting(a));
      c = new Connection(a, client.build());
      connection = c;
    }
    return c;
  }

  private static SSLContext trusting(OwnAddress a) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new OwnCertificateTrust(a.certificate())}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is unavailable for loopback calls: " + e.getMessage(), e);
    }
  }

  /** Each segment of a resource id percent-encoded; the slashes between them kept. */
  static String encode(String path) {
    StringJoiner out = new StringJoiner("/");
    for (String segment : path.split("/", -1)) {
      out.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  private static ArmResponse unreachable(String why) {
    return new ArmResponse(503, Json.bytes(Map.of("error", Map.of("code", "ServiceUnavailable",
        "message", "The control plane could not be reached over loopback: " + why))), null);
  }
}
