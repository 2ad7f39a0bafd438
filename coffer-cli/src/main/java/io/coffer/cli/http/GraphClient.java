package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.session.TokenSource;
import io.coffer.common.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Client of the tenant directory ({@code /v1.0/users}, shaped like Microsoft Graph): no
 * {@code api-version}, lists page with {@code @odata.nextLink}.
 */
public final class GraphClient {
  private final CofferHttpClient http;
  private final TokenSource tokens;

  public GraphClient(CofferHttpClient http, TokenSource tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  public JsonNode get(String path) {
    return http.exchange("GET", http.url(path), auth(), null, null).json();
  }

  /** GET that answers null for 404 instead of failing. */
  public JsonNode getOrNull(String path) {
    HttpResult r = http.send("GET", http.url(path), auth(), null, null);
    if (r.status() == 404) return null;
    if (!r.isSuccess()) throw ErrorMapper.toException(r);
    return r.json();
  }

  public JsonNode post(String path, JsonNode body) {
    return http.exchange("POST", http.url(path), auth(), "application/json", Json.bytes(body)).json();
  }

  public void delete(String path) {
    http.exchange("DELETE", http.url(path), auth(), null, null);
  }

  public List<JsonNode> list(String path) {
    List<JsonNode> items = new ArrayList<>();
    URI next = http.url(path);
    while (next != null) {
      JsonNode page = http.exchange("GET", next, auth(), null, null).json();
      if (page == null) break;
      page.path("value").forEach(items::add);
      JsonNode link = page.get("@odata.nextLink");
      next = link != null && link.isTextual() && !link.textValue().isEmpty()
          ? http.follow(next, link.textValue()) : null;
    }
    return items;
  }

  private Auth auth() {
    return Auth.bearer(tokens.accessToken());
  }
}
