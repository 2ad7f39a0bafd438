package io.coffer.control.deployments.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.nio.charset.StandardCharsets;

/** A response of the ARM edge: status, body and the authentication challenge, if any. */
public record ArmResponse(int status, byte[] body, String wwwAuthenticate) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as JSON; an empty or non-JSON body reads as {}. */
  public JsonNode json() {
    if (body.length == 0) return Json.object();
    try {
      return Json.parse(body);
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }

  /** The error code of {@code {"error":{"code","message"}}}, else a code for the status. */
  public String errorCode() {
    JsonNode code = json().path("error").path("code");
    return code.isTextual() ? code.textValue() : "HttpStatus" + status;
  }

  public String errorMessage() {
    JsonNode message = json().path("error").path("message");
    return message.isTextual() ? message.textValue() : new String(body, StandardCharsets.UTF_8);
  }
}
