package io.coffer.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A tiny HTTP server on 127.0.0.1 that records every request and answers canned JSON per
 * "METHOD /raw/path". Unrouted requests get a 404 in the control-plane error shape.
 */
public final class FakeServer implements AutoCloseable {
  /** A request as the server saw it. */
  public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }

    public Map<String, String> params() {
      Map<String, String> params = new LinkedHashMap<>();
      if (query == null || query.isEmpty()) return params;
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return params;
    }

    public Map<String, String> form() {
      return new Request(method, path, body, headers, "").params();
    }
  }

  /** A canned answer. */
  public record Response(int status, String body, Map<String, String> headers) {
    public static Response json(int status, String body) {
      return new Response(status, body, new LinkedHashMap<>());
    }

    public Response header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, body, h);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
  private final Map<String, Function<Request, Response>> prefixRoutes = new ConcurrentHashMap<>();

  public FakeServer() throws IOException {
    this(null);
  }

  /** With a TLS context, serves HTTPS. */
  public FakeServer(SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  public FakeServer on(String method, String path, Function<Request, Response> handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  /** A route for every path that starts with {@code prefix} (e.g. a name the client makes up). */
  public FakeServer onPrefix(String method, String prefix, Function<Request, Response> handler) {
    prefixRoutes.put(method + " " + prefix, handler);
    return this;
  }

  public FakeServer on(String method, String path, int status, String json) {
    return on(method, path, r -> Response.json(status, json));
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request made to this method and path. */
  public Request single(String method, String path) {
    List<Request> matching = requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + method + " " + path + " but got " + matching.size()
          + "; all requests: " + requests().stream().map(r -> r.method() + " " + r.path()).toList());
    }
    return matching.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), new LinkedHashMap<>(exchange.getRequestHeaders()), body);
    requests.add(request);
    String key = request.method() + " " + request.path();
    Function<Request, Response> route = routes.get(key);
    if (route == null) {
      route = prefixRoutes.entrySet().stream().filter(e -> key.startsWith(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    Response response = route != null ? route.apply(request)
        : Response.json(404, "{\"error\":{\"code\":\"NotMocked\",\"message\":\"no route for "
            + request.method() + " " + request.path() + "\"}}");
    byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    if (bytes.length > 0) exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
