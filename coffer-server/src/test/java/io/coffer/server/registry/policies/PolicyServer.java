package io.coffer.server.registry.policies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.PublicUrl;
import io.coffer.config.CofferConfig;
import io.coffer.config.ConfigLoader;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.registry.RegistryComponents;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.storage.blob.FileSystemBlobStore;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.system.SystemKeyStore;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The registry data plane on its own, as {@code coffer serve} mounts it, with the registry settings
 * kept by the test ({@link Settings}) and a clock the test can move forward: the policies are
 * driven directly, whatever the control plane offers to set them.
 */
final class PolicyServer implements AutoCloseable {
  static final String ADMIN_PASSWORD = "admin-test-password";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  final Settings settings = new Settings();
  final MovableClock clock = new MovableClock();
  final Database db;
  final RegistryComponents registry;
  final UserDirectory users;
  final String url;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final SystemKeyStore systemKeys;
  private final Javalin app;
  private final Map<String, String> registryIds = new ConcurrentHashMap<>();

  /** Settings of the registries, kept in memory; a registry never set has the defaults. */
  static final class Settings implements RegistrySettingsStore {
    private final Map<String, RegistrySettings> byRegistry = new ConcurrentHashMap<>();

    @Override
    public RegistrySettings get(Connection c, String registryId) {
      return byRegistry.getOrDefault(registryId, RegistrySettings.DEFAULT);
    }

    @Override
    public void put(Connection c, String registryId, RegistrySettings settings) {
      byRegistry.put(registryId, settings);
    }
  }

  /** The system clock plus an offset the test moves forward. */
  static final class MovableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();

    void advance(Duration d) {
      offsetMillis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offsetMillis.get();
    }
  }

  private PolicyServer(Path dir, String host) throws Exception {
    Map<String, String> env = Map.of("COFFER_DATA_DIR", dir.toString(), "COFFER_ENCRYPTION_WARM_UP", "false");
    CofferConfig config = ConfigLoader.load(null, env);
    db = Database.open(dir, "");
    try {
      systemKeys = SystemKeyStore.open(dir.resolve("keys"));
      TokenService tokens = TokenService.open(dir.resolve("keys"), "coffer");
      users = new UserDirectory(db);
      users.create("admin", ADMIN_PASSWORD, true);
      registry = new RegistryComponents(config, db, new FileSystemBlobStore(dir.resolve("content")), systemKeys,
          users, tokens, new PublicUrl(""), clock, settings, null, null); // service-managed keys only
      app = Javalin.create(cfg -> {
        cfg.showJavalinBanner = false;
        cfg.jetty.addConnector((server, httpConfig) -> {
          ServerConnector c = new ServerConnector(server);
          c.setHost(host);
          c.setPort(0);
          return c;
        });
      });
      registry.register(app);
      app.start();
      int port = ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
      url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  /** A server listening on {@code host} (127.0.0.1, or ::1 for IPv6 clients) and a free port. */
  static PolicyServer start(Path dir, String host) throws Exception {
    return new PolicyServer(dir, host);
  }

  /** Creates a registry as the control plane does (row, data key, admin credentials); returns its path name. */
  String createRegistry(String name) {
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    db.inTransaction(c -> {
      if (Sql.count(c, "SELECT COUNT(*) FROM subscriptions") == 0) {
        Sql.update(c, "INSERT INTO subscriptions (id, tenant_id, display_name, created_at) VALUES (?,?,?,?)",
            "sub", "tenant", "test", now);
        Sql.update(c, "INSERT INTO resource_groups (subscription_id, name_key, name, location, tags, created_at) "
            + "VALUES (?,?,?,?,?,?)", "sub", "group", "group", "local", "{}", now);
      }
      Sql.update(c, "INSERT INTO registries (id, name_key, name, subscription_id, resource_group, location, sku, "
          + "admin_user_enabled, anonymous_pull_enabled, tags, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
          id, name.toLowerCase(), name, "sub", "group", "local", "Premium", true, false, "{}", now, "admin");
      registry.administration.provision(c, id, systemKeys.current());
      return null;
    });
    registryIds.put(name.toLowerCase(), id);
    return name.toLowerCase();
  }

  String registryId(String name) {
    return registryIds.get(name);
  }

  /** Changes a registry's settings as the control plane's PATCH would, effective at once. */
  void update(String registryName, UnaryOperator<RegistrySettings> change) {
    String id = registryId(registryName);
    settings.put(null, id, change.apply(settings.get(null, id)));
    registry.firewall.forget(id);
  }

  void networkRules(String registryName, boolean denyByDefault, String... ipRules) {
    update(registryName, s -> new RegistrySettings(new RegistrySettings.NetworkRules(denyByDefault, List.of(ipRules)),
        s.policies()));
  }

  void quarantine(String registryName, boolean enabled) {
    update(registryName, s -> new RegistrySettings(s.networkRules(), new RegistrySettings.Policies(enabled,
        s.policies().trustEnabled(), s.policies().retentionEnabled(), s.policies().retentionDays())));
  }

  void retention(String registryName, boolean enabled, int days) {
    update(registryName, s -> new RegistrySettings(s.networkRules(), new RegistrySettings.Policies(
        s.policies().quarantineEnabled(), s.policies().trustEnabled(), enabled, days)));
  }

  // ---- HTTP ----

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String admin() {
    return basic("admin", ADMIN_PASSWORD);
  }

  HttpResponse<byte[]> send(String method, String path, String authorization, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : url + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    if (authorization != null) b.header("Authorization", authorization);
    if (contentType != null) b.header("Content-Type", contentType);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return send("GET", path, admin(), null, null);
  }

  HttpResponse<byte[]> head(String path) throws Exception {
    return send("HEAD", path, admin(), null, null);
  }

  HttpResponse<byte[]> patchJson(String path, String authorization, String json) throws Exception {
    return send("PATCH", path, authorization, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  String pushBlob(String name, byte[] content) throws Exception {
    String digest = sha256(content);
    HttpResponse<byte[]> r = send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + digest, admin(),
        "application/octet-stream", content);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return digest;
  }

  /** Pushes a manifest under a tag or by digest; returns its digest. */
  String pushManifest(String name, String reference, String mediaType, byte[] body) throws Exception {
    HttpResponse<byte[]> r = send("PUT", "/v2/" + name + "/manifests/" + reference, admin(), mediaType, body);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return sha256(body);
  }

  record Image(String manifest, byte[] manifestBytes, String config, String layer) {}

  /** Pushes a small image (config, one layer) under {@code reference}, a tag, or by digest when null. */
  Image pushImage(String name, String reference, String seed) throws Exception {
    return pushImage(name, reference, seed, null);
  }

  /** The same, with a subject: the image is then a referrer of {@code subject}. */
  Image pushImage(String name, String reference, String seed, Map<String, Object> subject) throws Exception {
    byte[] config = ("{\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + seed).getBytes(StandardCharsets.UTF_8);
    String configDigest = pushBlob(name, config);
    String layerDigest = pushBlob(name, layer);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    m.put("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length));
    m.put("layers", List.of(descriptor("application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length)));
    if (subject != null) m.put("subject", subject);
    byte[] body = Json.bytes(m);
    String digest = pushManifest(name, reference == null ? sha256(body) : reference, OCI_MANIFEST, body);
    return new Image(digest, body, configDigest, layerDigest);
  }

  /** Pushes an index of the given images under {@code reference} (a tag, or by digest when null). */
  String pushIndex(String name, String reference, Image... children) throws Exception {
    List<Map<String, Object>> manifests = new java.util.ArrayList<>();
    for (Image child : children) {
      manifests.add(descriptor(OCI_MANIFEST, child.manifest(), child.manifestBytes().length));
    }
    byte[] body = Json.bytes(Map.of("schemaVersion", 2, "mediaType", OCI_INDEX, "manifests", manifests));
    return pushManifest(name, reference == null ? sha256(body) : reference, OCI_INDEX, body);
  }

  static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }

  static String sha256(byte[] content) {
    return io.coffer.server.OciClient.sha256(content);
  }

  static String text(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Asserts an OCI error (status and code; HEAD has no body) and returns its first error. */
  static JsonNode ociError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    if (r.request().method().equals("HEAD")) return null;
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode e = Json.parse(r.body()).path("errors").path(0);
    assertThat(e.path("code").asText()).as(text(r)).isEqualTo(code);
    assertThat(e.path("message").asText()).isNotBlank();
    return e;
  }

  @Override
  public void close() {
    app.stop();
    registry.close();
    db.close();
  }
}
