package io.coffer.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The registry's wire protocol for tests: requests with one Authorization header (or none),
 * content helpers (digests, descriptors, manifests) and the assertion for OCI error bodies.
 */
final class OciHttp {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  final TestServer server;
  private final String authorization;

  OciHttp(TestServer server) {
    this(server, TestServer.basicAdmin());
  }

  OciHttp(TestServer server, String authorization) {
    this.server = server;
    this.authorization = authorization;
  }

  /** The same server with another Authorization header; null sends none. */
  OciHttp as(String authorization) {
    return new OciHttp(server, authorization);
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  // ---- requests ----

  HttpRequest.Builder request(String pathOrLocation) {
    URI uri = pathOrLocation.startsWith("http") ? URI.create(pathOrLocation) : server.uri(pathOrLocation);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (authorization != null) b.header("Authorization", authorization);
    return b;
  }

  HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return server.send(b.build());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = request(path).GET();
    if (headers.length > 0) b.headers(headers);
    return send(b);
  }

  HttpResponse<byte[]> head(String path) throws Exception {
    return send(request(path).method("HEAD", BodyPublishers.noBody()));
  }

  HttpResponse<byte[]> delete(String path) throws Exception {
    return send(request(path).DELETE());
  }

  HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return send(request(path).header("Content-Type", "application/octet-stream")
        .POST(body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> put(String path, byte[] body, String contentType) throws Exception {
    return send(request(path).header("Content-Type", contentType)
        .PUT(body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)));
  }

  /** PATCH a chunk; {@code contentRange} null sends none (a streamed upload). */
  HttpResponse<byte[]> patch(String location, byte[] chunk, String contentRange) throws Exception {
    HttpRequest.Builder b = request(location).header("Content-Type", "application/octet-stream")
        .method("PATCH", BodyPublishers.ofByteArray(chunk));
    if (contentRange != null) b.header("Content-Range", contentRange);
    return send(b);
  }

  /** Starts an upload session; returns its Location. */
  String startUpload(String name) throws Exception {
    HttpResponse<byte[]> r = post("/v2/" + name + "/blobs/uploads/", null);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    return location(r);
  }

  /** Pushes a blob with a single {@code POST ?digest=}; returns its digest. */
  String pushBlob(String name, byte[] content) throws Exception {
    String digest = sha256(content);
    HttpResponse<byte[]> r = post("/v2/" + name + "/blobs/uploads/?digest=" + digest, content);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    return digest;
  }

  /** Pushes a manifest by tag or digest; returns the digest the registry reports. */
  String pushManifest(String name, String reference, String mediaType, byte[] body) throws Exception {
    HttpResponse<byte[]> r = put("/v2/" + name + "/manifests/" + reference, body, mediaType);
    assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
    assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(sha256(body));
    return sha256(body);
  }

  record Image(String config, String layer, String manifest, byte[] manifestBytes) {}

  /** Pushes a small OCI image (config, one layer, manifest) under {@code tag}. */
  Image pushImage(String name, String tag, String seed) throws Exception {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] layer = random(2048, seed.hashCode());
    pushBlob(name, config);
    pushBlob(name, layer);
    byte[] manifest = imageManifest(OCI_MANIFEST, descriptor(OCI_CONFIG, config), List.of(descriptor(OCI_LAYER, layer)),
        null);
    String digest = pushManifest(name, tag, OCI_MANIFEST, manifest);
    return new Image(sha256(config), sha256(layer), digest, manifest);
  }

  // ---- content ----

  static String sha256(byte[] content) {
    return "sha256:" + hex("SHA-256", content);
  }

  static String sha512(byte[] content) {
    return "sha512:" + hex("SHA-512", content);
  }

  private static String hex(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Map<String, Object> descriptor(String mediaType, byte[] content) {
    return descriptor(mediaType, sha256(content), content.length);
  }

  static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }

  /** An image manifest; {@code extra} adds top-level fields (subject, artifactType, annotations). */
  static byte[] imageManifest(String mediaType, Map<String, Object> config, List<Map<String, Object>> layers,
      Map<String, Object> extra) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", mediaType);
    if (extra != null && extra.containsKey("artifactType")) m.put("artifactType", extra.get("artifactType"));
    m.put("config", config);
    m.put("layers", layers);
    if (extra != null) extra.forEach(m::putIfAbsent);
    return Json.bytes(m);
  }

  static byte[] index(String mediaType, List<Map<String, Object>> manifests) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", mediaType);
    m.put("manifests", manifests);
    return Json.bytes(m);
  }

  static Map<String, Object> platform(Map<String, Object> descriptor, String arch) {
    Map<String, Object> d = new LinkedHashMap<>(descriptor);
    d.put("platform", Map.of("architecture", arch, "os", "linux"));
    return d;
  }

  // ---- responses ----

  static String text(HttpResponse<byte[]> r) {
    return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    return Json.parse(r.body());
  }

  static String header(HttpResponse<byte[]> r, String name) {
    return r.headers().firstValue(name).orElse(null);
  }

  static String location(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location in " + text(r)));
  }

  /** Adds {@code key=value} to a Location that may already carry a query. */
  static String withQuery(String location, String key, String value) {
    return location + (location.contains("?") ? "&" : "?") + key + "=" + value;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * The response is an OCI error: the status, a JSON body {@code {"errors":[{"code","message","detail"}]}}
   * whose first error has the code and a message (HEAD responses carry no body).
   */
  static JsonNode assertOciError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    if (r.request().method().equals("HEAD")) return null;
    assertThat(header(r, "Content-Type")).startsWith("application/json");
    JsonNode errors = json(r).get("errors");
    assertThat(errors).as(text(r)).isNotNull();
    assertThat(errors.isArray()).isTrue();
    assertThat(errors.size()).isGreaterThanOrEqualTo(1);
    JsonNode e = errors.get(0);
    assertThat(e.path("code").asText()).as(text(r)).isEqualTo(code);
    assertThat(e.path("message").asText()).isNotBlank();
    assertThat(e.has("detail")).as("error has a detail member: " + text(r)).isTrue();
    return e;
  }
}
