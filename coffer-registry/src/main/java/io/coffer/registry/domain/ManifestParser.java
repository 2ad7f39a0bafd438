package io.coffer.registry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.List;

/** Validates a pushed manifest and extracts what it references. */
public final class ManifestParser {
  public static final int MAX_SIZE = 4 * 1024 * 1024;

  private ManifestParser() {}

  /**
   * @param contentType the request's Content-Type; when the body names a mediaType they must agree
   */
  public static ParsedManifest parse(byte[] body, String contentType) {
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(ErrorKind.MANIFEST_INVALID, "manifest is not valid JSON: " + e.getMessage());
    }
    if (!root.isObject()) throw invalid("manifest must be a JSON object");
    String declared = text(root, "mediaType");
    String type = normalise(contentType);
    if (declared != null && type != null && !declared.equals(type)) {
      throw invalid("mediaType '" + declared + "' does not match Content-Type '" + type + "'");
    }
    String mediaType = declared != null ? declared : type;
    if (mediaType == null) {
      mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
    if (!MediaTypes.MANIFESTS.contains(mediaType)) {
      throw invalid("unsupported manifest media type '" + mediaType + "'");
    }
    JsonNode schemaVersion = root.get("schemaVersion");
    if (schemaVersion == null || schemaVersion.asInt() != 2) throw invalid("schemaVersion must be 2");
    List<Digest> blobs = new ArrayList<>();
    List<Digest> manifests = new ArrayList<>();
    if (MediaTypes.isIndex(mediaType)) {
      JsonNode list = root.get("manifests");
      if (list == null || !list.isArray()) throw invalid("an index needs a 'manifests' array");
      for (JsonNode m : list) manifests.add(descriptorDigest(m, "manifests[]"));
    } else {
      JsonNode config = root.get("config");
      if (config == null || !config.isObject()) throw invalid("an image manifest needs a 'config' descriptor");
      blobs.add(descriptorDigest(config, "config"));
      JsonNode layers = root.get("layers");
      if (layers == null || !layers.isArray()) throw invalid("an image manifest needs a 'layers' array");
      for (JsonNode l : layers) blobs.add(descriptorDigest(l, "layers[]"));
    }
    Digest subject = null;
    if (root.has("subject") && !root.get("subject").isNull()) {
      subject = descriptorDigest(root.get("subject"), "subject");
    }
    String artifactType = text(root, "artifactType");
    if (artifactType == null && !MediaTypes.isIndex(mediaType) && root.has("config")) {
      artifactType = text(root.get("config"), "mediaType");
    }
    return new ParsedManifest(mediaType, blobs, manifests, subject, artifactType);
  }

  private static Digest descriptorDigest(JsonNode d, String where) {
    if (d == null || !d.isObject()) throw invalid(where + " must be a descriptor object");
    String digest = text(d, "digest");
    if (digest == null) throw invalid(where + " has no digest");
    JsonNode size = d.get("size");
    if (size == null || !size.canConvertToLong() || size.asLong() < 0) throw invalid(where + " has no valid size");
    try {
      return Digest.parse(digest);
    } catch (RegistryException e) {
      throw invalid(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static String normalise(String contentType) {
    if (contentType == null || contentType.isBlank()) return null;
    String t = contentType.split(";")[0].trim();
    return t.isEmpty() || t.equals("application/json") || t.equals("application/octet-stream") ? null : t;
  }

  private static RegistryException invalid(String message) {
    return new RegistryException(ErrorKind.MANIFEST_INVALID, message);
  }
}
