package io.coffer.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.config.CofferConfig;
import io.coffer.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Coffer server on 127.0.0.1 and a free port, with a data folder of the test's, an admin
 * password, a resource group and a registry; plus small HTTP helpers.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-test-password";
  public final CofferServer server;
  public final Path dataDir;
  /** Trusts the server's generated CA when it serves HTTPS. */
  public final HttpClient http;
  public final String subscription;
  private final String managementToken;

  private TestServer(CofferServer server, Path dataDir) throws Exception {
    this.server = server;
    this.dataDir = dataDir;
    HttpClient.Builder client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
    if (server.url().startsWith("https:")) client.sslContext(trusting(caFile()));
    this.http = client.build();
    this.managementToken = Json.parse(send(HttpRequest.newBuilder(uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
        .build()).body()).get("access_token").asText();
    this.subscription = management("GET", "/subscriptions", null).get("value").get(0).get("subscriptionId").asText();
  }

  public static TestServer start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  public static TestServer start(Path dataDir, Map<String, String> env) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("COFFER_ADMIN_PASSWORD", ADMIN_PASSWORD);
    all.putIfAbsent("COFFER_SERVER_LISTEN", "127.0.0.1:0");
    all.putIfAbsent("COFFER_DATA_DIR", dataDir.toString());
    all.putIfAbsent("COFFER_ENCRYPTION_WARM_UP", "false");
    // SoftHSM2 lets one process use one configuration: every test server shares the token.
    all.putIfAbsent("COFFER_VAULT_PKCS11_TOKEN_LABEL", "coffer-test");
    all.putIfAbsent("COFFER_VAULT_PKCS11_PIN", "coffer-test-pin");
    CofferConfig config = ConfigLoader.load(null, all);
    CofferServer server = CofferServer.start(config, all, new PrintStream(new ByteArrayOutputStream()));
    return new TestServer(server, dataDir);
  }

  /** The CA that signed the server's certificate ({@code --tls}). */
  public Path caFile() {
    return dataDir.resolve("tls").resolve("ca.pem");
  }

  static SSLContext trusting(Path caPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (var in = java.nio.file.Files.newInputStream(caPem)) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  public URI uri(String path) {
    return URI.create(server.url() + path);
  }

  public HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A control-plane call as the admin; returns the JSON body (fails the test on an error status). */
  public JsonNode management(String method, String path, Object body) throws Exception {
    HttpResponse<byte[]> r = managementRaw(method, path, body);
    if (r.statusCode() >= 300) {
      throw new AssertionError(method + " " + path + " → " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body().length == 0 ? Json.object() : Json.parse(r.body());
  }

  public HttpResponse<byte[]> managementRaw(String method, String path, Object body) throws Exception {
    return managementRaw(managementToken, method, path, body);
  }

  /** The admin's control-plane access token. */
  public String adminToken() {
    return managementToken;
  }

  /** POSTs a form to {@code /oauth2/token}; returns the response. */
  public HttpResponse<byte[]> tokenRequest(String form) throws Exception {
    return send(HttpRequest.newBuilder(uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** A control-plane call with the given bearer token, {@code api-version} added. */
  public HttpResponse<byte[]> managementRaw(String token, String method, String path, Object body) throws Exception {
    String sep = path.contains("?") ? "&" : "?";
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path + sep + "api-version=2023-07-01"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    return send(b.build());
  }

  /** Creates a resource group (if needed) and a Premium registry; returns its path name. */
  public String createRegistry(String name) throws Exception {
    management("PUT", "/subscriptions/" + subscription + "/resourcegroups/testgroup", Map.of("location", "local"));
    management("PUT", "/subscriptions/" + subscription
        + "/resourceGroups/testgroup/providers/Microsoft.ContainerRegistry/registries/" + name,
        Map.of("sku", Map.of("name", "Premium"), "properties", Map.of("adminUserEnabled", true)));
    return name.toLowerCase(java.util.Locale.ROOT);
  }

  public static String basicAdmin() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** A request builder for a registry path, authenticated as the admin with HTTP Basic. */
  public HttpRequest.Builder registry(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", basicAdmin());
  }

  @Override
  public void close() {
    server.close();
  }
}
