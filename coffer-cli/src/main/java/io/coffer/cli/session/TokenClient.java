package io.coffer.cli.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.http.Auth;
import io.coffer.cli.http.CofferHttpClient;
import io.coffer.cli.http.HttpResult;
import io.coffer.cli.http.UrlPaths;
import java.nio.charset.StandardCharsets;

/** Talks to the identity service's OAuth2 token endpoint ({@code POST /oauth2/token}). */
public final class TokenClient {
  private final CofferHttpClient http;

  public TokenClient(CofferHttpClient http) {
    this.http = http;
  }

  /**
   * A token grant; {@code refreshToken} may be null when the server keeps the old one valid, and
   * {@code expiresOn} (epoch seconds) when the server did not say.
   */
  public record Grant(String accessToken, String refreshToken, long expiresIn, Long expiresOn) {
    @Override
    public String toString() {
      return "Grant[expiresIn=" + expiresIn + ", tokens hidden]";
    }
  }

  public Grant password(String username, String password) {
    return request("grant_type=password&username=" + UrlPaths.query(username)
        + "&password=" + UrlPaths.query(password));
  }

  public Grant refresh(String refreshToken) {
    return request("grant_type=refresh_token&refresh_token=" + UrlPaths.query(refreshToken));
  }

  /**
   * An access token for another audience ({@code resource=}, or {@code scope=} such as
   * {@code https://vault.localhost/.default}), obtained with the session's refresh token.
   */
  public Grant forResource(String refreshToken, String resource, String scope) {
    StringBuilder form = new StringBuilder("grant_type=refresh_token&refresh_token=" + UrlPaths.query(refreshToken));
    if (resource != null) form.append("&resource=").append(UrlPaths.query(resource));
    if (scope != null) form.append("&scope=").append(UrlPaths.query(scope));
    return request(form.toString());
  }

  private Grant request(String form) {
    HttpResult result = http.exchange("POST", http.url("/oauth2/token"), Auth.none(),
        "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    JsonNode body = result.json();
    if (body == null || !body.path("access_token").isTextual()) {
      throw new CliException("The token endpoint of " + http.serverText() + " returned no access_token.");
    }
    String type = body.path("token_type").asText("Bearer");
    if (!type.equalsIgnoreCase("Bearer")) {
      throw new CliException("The token endpoint returned an unsupported token type '" + type + "'.");
    }
    JsonNode refresh = body.get("refresh_token");
    long expiresIn = body.path("expires_in").asLong(3600);
    JsonNode expiresOn = body.get("expires_on");
    Long on = null;
    if (expiresOn != null && (expiresOn.isNumber() || expiresOn.asText("").matches("\\d{1,12}"))) {
      on = expiresOn.asLong();
    }
    return new Grant(body.get("access_token").textValue(),
        refresh != null && refresh.isTextual() ? refresh.textValue() : null, expiresIn, on);
  }
}
