package io.coffer.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliException;
import io.coffer.common.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns an HTTP error response into the message az would print. Control-plane
 * and vault errors are {@code {"error":{"code","message"}}}, registry errors are OCI
 * {@code {"errors":[{"code","message"}]}}, the token endpoint answers OAuth2
 * {@code {"error","error_description"}}. HTTP 404 exits with 3, like az's ResourceNotFoundError.
 */
public final class ErrorMapper {
  private ErrorMapper() {}

  public static CliException toException(HttpResult result) {
    int exit = result.status() == 404 ? CliException.NOT_FOUND : CliException.FAILURE;
    return new CliException(message(result), exit);
  }

  static String message(HttpResult result) {
    JsonNode body = parseQuietly(result.body());
    if (body != null && body.isObject()) {
      JsonNode error = body.get("error");
      if (error != null && error.isObject()) {
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (code.isEmpty()) return message.isEmpty() ? fallback(result) : message;
        return armMessage(code, message);
      }
      if (error != null && error.isTextual()) {
        String description = body.path("error_description").asText("");
        return description.isEmpty() ? error.textValue() : error.textValue() + ": " + description;
      }
      JsonNode errors = body.get("errors");
      if (errors != null && errors.isArray() && !errors.isEmpty()) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : errors) {
          lines.add(e.path("code").asText("UNKNOWN") + ": " + e.path("message").asText(""));
        }
        return String.join("\n", lines);
      }
      if (body.path("message").isTextual()) return body.get("message").textValue();
    }
    return fallback(result);
  }

  /** az (azure-core) prints the summary line, then the code and the message again. */
  public static String armMessage(String code, String message) {
    return "(" + code + ") " + message + "\nCode: " + code + "\nMessage: " + message;
  }

  private static String fallback(HttpResult result) {
    return "Operation returned an invalid status code '" + reason(result.status()) + "'";
  }

  private static JsonNode parseQuietly(byte[] body) {
    if (body.length == 0) return null;
    try {
      return Json.parse(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "HTTP " + status;
    };
  }
}
