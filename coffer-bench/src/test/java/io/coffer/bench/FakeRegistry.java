package io.coffer.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory OCI registry just large enough for the harness: monolithic upload, blob GET,
 * manifest PUT/GET, and either Basic auth or a Docker token endpoint whose tokens can be made to
 * expire after a number of requests, to exercise re-authentication.
 */
final class FakeRegistry implements AutoCloseable {
  enum Mode { ANONYMOUS, BASIC, TOKEN }

  private static final Pattern UPLOAD_PUT = Pattern.compile("/v2/(.+)/blobs/uploads/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");

  private final HttpServer server;
  private final Mode mode;
  private final String basic;
  private final int tokenRequests; // a token stops working after this many registry requests
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicInteger uses = new AtomicInteger();
  final AtomicInteger tokensIssued = new AtomicInteger();
  volatile int failPutStatus; // non-zero: every blob PUT answers this

  FakeRegistry(Mode mode, String user, String password, int tokenRequests) throws IOException {
    this.mode = mode;
    this.basic = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.tokenRequests = tokenRequests;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::registry);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void token(HttpExchange x) throws IOException {
    if (!basic.equals(x.getRequestHeaders().getFirst("Authorization"))
        || !x.getRequestURI().getQuery().contains("scope=repository:")) {
      send(x, 401, new byte[0]);
      return;
    }
    uses.set(0);
    String token = "t" + generation.incrementAndGet();
    tokensIssued.incrementAndGet();
    send(x, 200, ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  private boolean authorized(HttpExchange x) {
    String given = x.getRequestHeaders().getFirst("Authorization");
    return switch (mode) {
      case ANONYMOUS -> true;
      case BASIC -> basic.equals(given);
      case TOKEN -> ("Bearer t" + generation.get()).equals(given)
          && (tokenRequests == 0 || uses.incrementAndGet() <= tokenRequests);
    };
  }

  private void registry(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    if (!authorized(x)) {
      x.getResponseHeaders().add("WWW-Authenticate", mode == Mode.BASIC
          ? "Basic realm=\"fake\""
          : "Bearer realm=\"" + url() + "/token\",service=\"fake\",scope=\"repository:x:pull\"");
      send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Matcher m;
    if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
      x.getResponseHeaders().add("Location", path + UUID.randomUUID() + "?_state=abc");
      send(x, 202, new byte[0]);
    } else if (method.equals("PUT") && (m = UPLOAD_PUT.matcher(path)).matches()) {
      byte[] body = x.getRequestBody().readAllBytes();
      String digest = x.getRequestURI().getQuery().replaceAll(".*digest=", "");
      if (failPutStatus != 0 || !x.getRequestURI().getQuery().contains("_state=abc")) {
        send(x, failPutStatus == 0 ? 400 : failPutStatus, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_INVALID\"}]}".getBytes(StandardCharsets.UTF_8));
      } else if (!Digests.of(body).equals(digest)) {
        send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}".getBytes(StandardCharsets.UTF_8));
      } else {
        blobs.put(digest, body);
        send(x, 201, new byte[0]);
      }
    } else if (method.equals("GET") && (m = BLOB.matcher(path)).matches() && blobs.containsKey(m.group(2))) {
      send(x, 200, blobs.get(m.group(2)));
    } else if (method.equals("PUT") && (m = MANIFEST.matcher(path)).matches()) {
      manifests.put(m.group(2), x.getRequestBody().readAllBytes());
      send(x, 201, new byte[0]);
    } else if (method.equals("GET") && (m = MANIFEST.matcher(path)).matches() && manifests.containsKey(m.group(2))) {
      send(x, 200, manifests.get(m.group(2)));
    } else {
      send(x, 404, new byte[0]);
    }
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    try (InputStream in = x.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }
}
