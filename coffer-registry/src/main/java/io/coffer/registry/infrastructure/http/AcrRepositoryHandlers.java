package io.coffer.registry.infrastructure.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.PublicUrl;
import io.coffer.registry.application.CatalogService;
import io.coffer.registry.application.ManifestService;
import io.coffer.registry.application.QuarantineState;
import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /acr/v1/<registry>/<repository>[/_manifests/<reference>]}: repository details and deletes,
 * for {@code coffer acr repository show|delete}; a manifest's quarantine state, for
 * {@code coffer acr repository update --quarantine-state}.
 */
final class AcrRepositoryHandlers {
  private static final int MAX_ATTRIBUTES = 64 * 1024;
  private static final String EXPECTED = "the body must be {\"quarantineState\":\"Passed\"} or "
      + "{\"quarantineState\":\"Quarantined\"}";

  private final CatalogService catalog;
  private final ManifestService manifests;

  private final PublicUrl publicUrl;
  private final int maxPage;

  AcrRepositoryHandlers(CatalogService catalog, ManifestService manifests, PublicUrl publicUrl, int maxPage) {
    this.catalog = catalog;
    this.manifests = manifests;
    this.publicUrl = publicUrl;
    this.maxPage = maxPage;
  }

  private String loginServer(OciRequest r) {
    return publicUrl.authority(r.ctx().host()) + "/" + r.registry().pathName();
  }

  void showRepository(OciRequest r) {
    var info = catalog.info(r.registry(), r.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("registry", loginServer(r));
    body.put("imageName", r.name().repository());
    body.put("createdTime", Instant.ofEpochMilli(info.createdAt()).toString());
    body.put("lastUpdateTime", Instant.ofEpochMilli(info.updatedAt()).toString());
    body.put("manifestCount", info.manifestCount());
    body.put("tagCount", info.tagCount());
    body.put("changeableAttributes", Map.of("deleteEnabled", true, "writeEnabled", true, "readEnabled", true,
        "listEnabled", true));
    ListingHandlers.json(r.ctx(), body);
  }

  /** {@code _tags?orderby=timedesc|timeasc&n=}: tags with their digest and last update time. */
  void listTags(OciRequest r) {
    String orderBy = r.ctx().queryParam("orderby");
    boolean newestFirst = orderBy == null || !orderBy.equalsIgnoreCase("timeasc");
    int n = Math.max(1, ListingHandlers.pageSize(r.ctx(), maxPage));
    List<Map<String, Object>> tags = new ArrayList<>();
    for (var t : catalog.tagsByTime(r.registry(), r.name(), newestFirst, n)) {
      Map<String, Object> tag = new LinkedHashMap<>();
      tag.put("name", t.name());
      tag.put("digest", t.digest());
      tag.put("lastUpdateTime", Instant.ofEpochMilli(t.updatedAt()).toString());
      tags.add(tag);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("registry", loginServer(r));
    body.put("imageName", r.name().repository());
    body.put("tags", tags);
    ListingHandlers.json(r.ctx(), body);
  }

  void deleteRepository(OciRequest r) {
    var deleted = catalog.delete(r.registry(), r.name());
    ListingHandlers.json(r.ctx(), Map.of("manifestsDeleted", deleted.manifests(), "tagsDeleted", deleted.tags()));
  }

  void showManifest(OciRequest r) {
    manifestDetails(r, manifests.resolve(r.registry(), r.name(), r.param()));
  }

  /** {@code PATCH _manifests/<reference>} with {@code {"quarantineState":"Passed"|"Quarantined"}}. */
  void updateManifest(OciRequest r) throws IOException {
    byte[] body = Streams.readAtMost(r.ctx().req().getInputStream(), MAX_ATTRIBUTES);
    QuarantineState state = quarantineState(body);
    manifestDetails(r, manifests.setQuarantineState(r.registry(), r.name(), r.param(), state));
  }

  /** The one attribute that may be changed; anything else is refused rather than ignored. */
  static QuarantineState quarantineState(byte[] body) {
    if (body == null) throw badAttributes("the body exceeds " + MAX_ATTRIBUTES + " bytes; " + EXPECTED);
    JsonNode json;
    try {
      json = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw badAttributes(e.getMessage() + "; " + EXPECTED);
    }
    if (!json.isObject()) throw badAttributes(EXPECTED);
    QuarantineState state = null;
    for (var field : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
      if (!field.getKey().equalsIgnoreCase("quarantineState")) {
        throw badAttributes("'" + field.getKey() + "' cannot be changed; " + EXPECTED);
      }
      JsonNode value = field.getValue();
      state = value.isTextual() ? QuarantineState.parse(value.asText()).orElse(null) : null;
      if (state == null) {
        throw badAttributes("quarantineState '" + (value.isTextual() ? value.asText() : value.toString())
            + "' is not valid; " + EXPECTED);
      }
    }
    if (state == null) throw badAttributes("quarantineState is missing; " + EXPECTED);
    return state;
  }

  private static RegistryException badAttributes(String message) {
    return new RegistryException(ErrorKind.MANIFEST_INVALID, "invalid manifest attributes: " + message);
  }

  private void manifestDetails(OciRequest r, ManifestService.Manifest m) {
    var row = catalog.manifests(r.registry(), r.name()).stream()
        .filter(x -> x.digest().equals(m.digest().toString())).findFirst().orElseThrow();
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("digest", m.digest().toString());
    manifest.put("imageSize", m.size());
    manifest.put("mediaType", m.mediaType());
    manifest.put("artifactType", row.artifactType());
    manifest.put("tags", catalog.tagsOf(r.registry(), r.name(), m.digest().toString()));
    manifest.put("quarantineState", m.quarantineState());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("registry", loginServer(r));
    body.put("imageName", r.name().repository());
    body.put("manifest", manifest);
    ListingHandlers.json(r.ctx(), body);
  }

  void deleteManifest(OciRequest r) {
    boolean byDigest = Digest.looksLikeDigest(r.param());
    var m = manifests.resolve(r.registry(), r.name(), r.param());
    var tags = catalog.tagsOf(r.registry(), r.name(), m.digest().toString());
    manifests.delete(r.registry(), r.name(), byDigest ? m.digest().toString() : r.param());
    ListingHandlers.json(r.ctx(), Map.of(
        "manifestsDeleted", byDigest ? List.of(m.digest().toString()) : List.of(),
        "tagsDeleted", byDigest ? tags : List.of(r.param())));
  }
}
