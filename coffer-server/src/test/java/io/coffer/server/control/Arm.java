package io.coffer.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Assertions on control-plane responses. */
final class Arm {
  private Arm() {}

  static JsonNode json(HttpResponse<byte[]> r) {
    return r.body().length == 0 ? Json.object() : Json.parse(r.body());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** The response is {@code {"error":{"code","message"}}} with that status and code; returns the message. */
  static String assertError(HttpResponse<byte[]> r, int status, String code) {
    assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
    JsonNode error = json(r).path("error");
    assertThat(error.path("code").asText()).as(text(r)).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    return error.path("message").asText();
  }

  /** The claims of a JWT, unverified (the tests verify the signature with TokenService separately). */
  static JsonNode claims(String jwt) {
    return Json.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }
}
