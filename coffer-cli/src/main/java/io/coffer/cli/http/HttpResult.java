package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.common.Json;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A response as received: status, headers and the whole body. */
public record HttpResult(URI uri, int status, HttpHeaders headers, byte[] body) {
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON, or null when it is empty. */
  public JsonNode json() {
    if (body.length == 0 || text().isBlank()) return null;
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new CliException("The server at " + uri.getScheme() + "://" + uri.getAuthority()
          + " answered " + status + " with a body that is not JSON: " + e.getMessage());
    }
  }
}
