package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.cli.session.TokenSource;
import io.coffer.common.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client of the ARM-shaped control plane: every call carries {@code api-version} and a fresh
 * bearer token; lists follow {@code nextLink}; long-running operations (202 with
 * {@code Location} or {@code Azure-AsyncOperation}) are awaited as az does.
 */
public final class ArmClient {
  private static final String JSON = "application/json";
  private static final Duration LRO_TIMEOUT = Duration.ofMinutes(30);

  /** Waits between polls; tests replace it so they never sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final CofferHttpClient http;
  private final TokenSource tokens;
  private final String subscriptionId;
  private final Clock clock;
  private final Sleeper sleeper;

  public ArmClient(CofferHttpClient http, TokenSource tokens, String subscriptionId, Clock clock, Sleeper sleeper) {
    this.http = http;
    this.tokens = tokens;
    this.subscriptionId = subscriptionId;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  /** {@code /subscriptions/{s}}, the prefix of every resource path. */
  public String subscriptionPath() {
    return "/subscriptions/" + UrlPaths.segment(subscriptionId);
  }

  public JsonNode get(String path, String apiVersion) {
    return call("GET", path, apiVersion, null);
  }

  /** GET that answers null for 404 instead of failing. */
  public JsonNode getOrNull(String path, String apiVersion) {
    HttpResult r = http.send("GET", uri(path, apiVersion), auth(), null, null);
    if (r.status() == 404) return null;
    if (!r.isSuccess()) throw ErrorMapper.toException(r);
    return r.json();
  }

  public JsonNode put(String path, String apiVersion, JsonNode body) {
    return call("PUT", path, apiVersion, body);
  }

  public JsonNode patch(String path, String apiVersion, JsonNode body) {
    return call("PATCH", path, apiVersion, body);
  }

  public JsonNode post(String path, String apiVersion, JsonNode body) {
    return call("POST", path, apiVersion, body);
  }

  /** DELETE; with {@code wait} false a 202 is returned at once (az's --no-wait). */
  public JsonNode delete(String path, String apiVersion, boolean wait) {
    URI uri = uri(path, apiVersion);
    HttpResult first = http.exchange("DELETE", uri, auth(), null, null);
    return wait ? awaitCompletion("DELETE", uri, first) : first.json();
  }

  /** Every element of a {@code {"value":[...],"nextLink":...}} list, all pages. */
  public List<JsonNode> list(String path, String apiVersion) {
    List<JsonNode> items = new ArrayList<>();
    URI next = uri(path, apiVersion);
    while (next != null) {
      JsonNode page = http.exchange("GET", next, auth(), null, null).json();
      if (page == null) break;
      page.path("value").forEach(items::add);
      JsonNode link = page.get("nextLink");
      next = link != null && link.isTextual() && !link.textValue().isEmpty()
          ? http.follow(next, link.textValue()) : null;
    }
    return items;
  }

  private JsonNode call(String method, String path, String apiVersion, JsonNode body) {
    URI uri = uri(path, apiVersion);
    HttpResult first = http.exchange(method, uri, auth(), body == null ? null : JSON,
        body == null ? null : Json.bytes(body));
    return awaitCompletion(method, uri, first);
  }

  private URI uri(String path, String apiVersion) {
    return http.url(path + (path.contains("?") ? "&" : "?") + "api-version=" + UrlPaths.query(apiVersion));
  }

  private Auth auth() {
    return Auth.bearer(tokens.accessToken());
  }

  private JsonNode awaitCompletion(String method, URI uri, HttpResult first) {
    Optional<String> asyncOperation = first.header("Azure-AsyncOperation");
    Optional<String> location = first.header("Location");
    boolean pending = first.status() == 202 || (first.status() == 201 && asyncOperation.isPresent());
    if (!pending || (asyncOperation.isEmpty() && location.isEmpty())) return first.json();

    Instant deadline = clock.instant().plus(LRO_TIMEOUT);
    HttpResult last = first;
    while (true) {
      if (clock.instant().isAfter(deadline)) {
        throw new CliException("The operation did not finish within " + LRO_TIMEOUT.toMinutes() + " minutes.");
      }
      pause(last);
      if (asyncOperation.isPresent()) {
        last = http.exchange("GET", http.follow(uri, asyncOperation.get()), auth(), null, null);
        JsonNode status = last.json();
        String state = status == null ? "InProgress" : status.path("status").asText("InProgress");
        if (state.equalsIgnoreCase("Succeeded")) break;
        if (state.equalsIgnoreCase("Failed") || state.equalsIgnoreCase("Canceled")) {
          JsonNode error = status.path("error");
          throw new CliException(ErrorMapper.armMessage(error.path("code").asText(state),
              error.path("message").asText("The operation " + state.toLowerCase() + ".")));
        }
      } else {
        last = http.send("GET", http.follow(uri, location.get()), auth(), null, null);
        if (last.status() == 202) continue;
        if (!last.isSuccess()) throw ErrorMapper.toException(last);
        return method.equals("PUT") || method.equals("PATCH") ? get(uri) : last.json();
      }
    }
    // Azure-AsyncOperation succeeded: read the final state where ARM keeps it.
    if (method.equals("PUT") || method.equals("PATCH")) return get(uri);
    if (location.isPresent()) return http.exchange("GET", http.follow(uri, location.get()), auth(), null, null).json();
    return null;
  }

  private JsonNode get(URI uri) {
    return http.exchange("GET", uri, auth(), null, null).json();
  }

  private void pause(HttpResult last) {
    long seconds = 1;
    Optional<String> retryAfter = last.header("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        seconds = Math.max(0, Math.min(30, Long.parseLong(retryAfter.get().trim())));
      } catch (NumberFormatException e) {
        seconds = 1;
      }
    }
    try {
      sleeper.sleep(Duration.ofSeconds(seconds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("Interrupted while waiting for the operation to finish.");
    }
  }
}
