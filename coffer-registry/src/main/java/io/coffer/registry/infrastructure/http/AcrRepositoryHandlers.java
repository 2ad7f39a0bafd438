package io.coffer.registry.infrastructure.http;

import io.coffer.common.PublicUrl;
import io.coffer.registry.application.CatalogService;
import io.coffer.registry.application.ManifestService;
import io.coffer.registry.domain.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /acr/v1/<registry>/<repository>[/_manifests/<reference>]}: repository details and deletes,
 * for {@code coffer acr repository show|delete}.
 */
final class AcrRepositoryHandlers {
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
    var m = manifests.resolve(r.registry(), r.name(), r.param());
    var row = catalog.manifests(r.registry(), r.name()).stream()
        .filter(x -> x.digest().equals(m.digest().toString())).findFirst().orElseThrow();
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("digest", m.digest().toString());
    manifest.put("imageSize", m.size());
    manifest.put("mediaType", m.mediaType());
    manifest.put("artifactType", row.artifactType());
    manifest.put("tags", catalog.tagsOf(r.registry(), r.name(), m.digest().toString()));
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
