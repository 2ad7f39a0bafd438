package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.session.TokenSource;
import io.coffer.common.Json;
import java.net.URI;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Client of a registry's data plane ({@code /v2/} and {@code /acr/v1/}). It signs in with HTTP
 * Basic: the all-zero user name means "the password is an access token", as ACR does for
 * {@code az acr login --expose-token}.
 */
public final class RegistryClient {
  public static final String TOKEN_USER = "00000000-0000-0000-0000-000000000000";

  private final CofferHttpClient http;
  private final TokenSource tokens;

  public RegistryClient(CofferHttpClient http, TokenSource tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  public JsonNode get(String path) {
    return http.exchange("GET", http.url(path), auth(), null, null).json();
  }

  /** PATCH with a JSON body (the ACR metadata API's attribute changes). */
  public JsonNode patch(String path, JsonNode body) {
    return http.exchange("PATCH", http.url(path), auth(), "application/json", Json.bytes(body)).json();
  }

  public JsonNode delete(String path) {
    return http.exchange("DELETE", http.url(path), auth(), null, null).json();
  }

  /**
   * GETs the first page and then each {@code Link: <...>; rel="next"} page, handing each body to
   * {@code onPage} until it returns false or there is no next page.
   */
  public void pages(String firstPath, Predicate<JsonNode> onPage) {
    URI next = http.url(firstPath);
    while (next != null) {
      HttpResult page = http.exchange("GET", next, auth(), null, null);
      JsonNode body = page.json();
      if (body == null || !onPage.test(body)) return;
      Optional<String> link = LinkHeader.next(page.header("Link").orElse(null));
      next = link.isPresent() ? http.follow(next, link.get()) : null;
    }
  }

  private Auth auth() {
    return Auth.basic(TOKEN_USER, tokens.accessToken());
  }
}
