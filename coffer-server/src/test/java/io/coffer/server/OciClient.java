package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Minimal OCI push/pull over HTTP Basic, for tests that need content in a registry. */
public final class OciClient {
  private final HttpClient http;
  private final String baseUrl;
  private final String authorization;

  public OciClient(HttpClient http, String baseUrl, String authorization) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  public static String sha256(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder req(String pathOrUrl) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization);
  }

  /** Pushes a blob with POST + PUT; returns its digest. */
  public String pushBlob(String name, byte[] content) throws Exception {
    HttpResponse<String> start = http.send(req("/v2/" + name + "/blobs/uploads/")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
    String location = start.headers().firstValue("Location").orElseThrow();
    String digest = sha256(content);
    String sep = location.contains("?") ? "&" : "?";
    HttpResponse<String> put = http.send(req(location + sep + "digest=" + digest)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    return digest;
  }

  /** Pushes an OCI image manifest with the given config and layers; returns its digest. */
  public String pushImage(String name, String tag, byte[] config, List<byte[]> layers, Map<String, String> annotations)
      throws Exception {
    var layerDescriptors = new java.util.ArrayList<Map<String, Object>>();
    for (byte[] l : layers) {
      layerDescriptors.add(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar",
          "digest", pushBlob(name, l), "size", l.length));
    }
    var manifest = new java.util.LinkedHashMap<String, Object>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put("config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
        "digest", pushBlob(name, config), "size", config.length));
    manifest.put("layers", layerDescriptors);
    if (!annotations.isEmpty()) manifest.put("annotations", annotations);
    byte[] body = Json.bytes(manifest);
    HttpResponse<String> put = http.send(req("/v2/" + name + "/manifests/" + tag)
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    return sha256(body);
  }

  public HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(req(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
