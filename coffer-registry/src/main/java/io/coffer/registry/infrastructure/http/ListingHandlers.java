package io.coffer.registry.infrastructure.http;

import io.coffer.common.Json;
import io.coffer.registry.application.CatalogService;
import io.coffer.registry.application.ManifestService;
import io.coffer.registry.domain.Digest;
import io.coffer.registry.domain.MediaTypes;
import io.coffer.registry.domain.Registry;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Tag lists, catalogs and the referrers API. */
final class ListingHandlers {
  private final CatalogService catalog;
  private final ManifestService manifests;
  private final int maxPage;

  ListingHandlers(CatalogService catalog, ManifestService manifests, int maxPage) {
    this.catalog = catalog;
    this.manifests = manifests;
    this.maxPage = maxPage;
  }

  void tags(OciRequest r) {
    List<String> tags = page(r.ctx(), r.base() + "/tags/list",
        (last, n) -> catalog.tags(r.registry(), r.name(), last, n));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", r.name().full());
    body.put("tags", tags);
    json(r.ctx(), body);
  }

  /** {@code /v2/<registry>/_catalog}: repository names relative to the registry. */
  void registryCatalog(Context ctx, Registry registry) {
    List<String> names = page(ctx, "/v2/" + registry.pathName() + "/_catalog",
        (last, n) -> catalog.repositories(registry, last, n));
    json(ctx, Map.of("repositories", names));
  }

  /** {@code /v2/_catalog}: full names across the registries the caller may list. */
  void globalCatalog(Context ctx, String registryIdOrAll) {
    List<String> names = page(ctx, "/v2/_catalog", (last, n) -> catalog.fullNames(registryIdOrAll, last, n));
    json(ctx, Map.of("repositories", names));
  }

  void referrers(OciRequest r) throws java.io.IOException {
    Digest subject = Digest.parse(r.param());
    String artifactType = r.ctx().queryParam("artifactType");
    List<Map<String, Object>> descriptors = new ArrayList<>();
    for (var referrer : manifests.referrers(r.registry(), r.name(), subject, artifactType)) {
      var m = referrer.manifest();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("mediaType", m.mediaType());
      d.put("digest", m.digest());
      d.put("size", m.size());
      if (m.artifactType() != null) d.put("artifactType", m.artifactType());
      if (referrer.annotations() != null) d.put("annotations", referrer.annotations());
      descriptors.add(d);
    }
    if (artifactType != null) r.ctx().header("OCI-Filters-Applied", "artifactType");
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.put("manifests", descriptors);
    r.ctx().status(200);
    r.ctx().contentType(MediaTypes.OCI_INDEX);
    r.ctx().result(Json.bytes(index));
  }

  /** Applies {@code n} and {@code last}; adds a Link header when a full page may have more behind it. */
  private List<String> page(Context ctx, String path, BiFunction<String, Integer, List<String>> fetch) {
    String last = ctx.queryParam("last");
    int n = pageSize(ctx, maxPage);
    if (n == 0) return List.of();
    List<String> items = fetch.apply(last, n + 1);
    if (items.size() > n) {
      items = items.subList(0, n);
      String next = path + "?n=" + n + "&last=" + URLEncoder.encode(items.get(n - 1), StandardCharsets.UTF_8);
      ctx.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return items;
  }

  /** The {@code n} query parameter, between 0 and {@code max}; {@code max} when absent or not a number. */
  static int pageSize(Context ctx, int max) {
    String n = ctx.queryParam("n");
    if (n == null) return max;
    try {
      return Math.max(0, Math.min(Integer.parseInt(n), max));
    } catch (NumberFormatException e) {
      return max;
    }
  }

  static void json(Context ctx, Object body) {
    ctx.status(200);
    ctx.contentType("application/json");
    ctx.result(Json.bytes(body));
  }
}
