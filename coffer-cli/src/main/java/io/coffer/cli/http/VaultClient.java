package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.session.TokenSource;
import io.coffer.common.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Client of one vault's data plane (the Key Vault keys API) at its {@code vaultUri}: every call
 * carries {@code api-version} and a bearer token for the vault audience; lists follow
 * {@code nextLink}, which must stay on the vault's origin.
 */
public final class VaultClient {
  public static final String API = "7.5";
  private static final String JSON = "application/json";

  private final CofferHttpClient http;
  private final TokenSource tokens;

  public VaultClient(CofferHttpClient http, TokenSource tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  /** {@code https://{vault}.{domain}[:port]}, without the trailing slash. */
  public String origin() {
    return http.serverText();
  }

  public JsonNode get(String path) {
    return call("GET", path, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return call("POST", path, body);
  }

  public JsonNode put(String path, JsonNode body) {
    return call("PUT", path, body);
  }

  public JsonNode patch(String path, JsonNode body) {
    return call("PATCH", path, body);
  }

  public JsonNode delete(String path) {
    return call("DELETE", path, null);
  }

  /** The items of {@code path} and of every {@code nextLink} page, at most {@code max} (null: all). */
  public List<JsonNode> list(String path, Integer max) {
    List<JsonNode> items = new ArrayList<>();
    URI next = uri(path);
    while (next != null) {
      JsonNode page = http.exchange("GET", next, auth(), null, null).json();
      if (page == null) break;
      for (JsonNode item : page.path("value")) {
        if (max != null && items.size() >= max) return items;
        items.add(item);
      }
      if (max != null && items.size() >= max) return items;
      JsonNode link = page.get("nextLink");
      next = link != null && link.isTextual() && !link.textValue().isEmpty()
          ? http.follow(next, link.textValue()) : null;
    }
    return items;
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return http.exchange(method, uri(path), auth(), body == null ? null : JSON,
        body == null ? null : Json.bytes(body)).json();
  }

  private URI uri(String path) {
    return http.url(path + (path.contains("?") ? "&" : "?") + "api-version=" + API);
  }

  private Auth auth() {
    return Auth.bearer(tokens.accessToken());
  }
}
