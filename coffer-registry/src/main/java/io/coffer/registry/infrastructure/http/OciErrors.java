package io.coffer.registry.infrastructure.http;

import io.coffer.common.Json;
import io.coffer.registry.domain.ErrorKind;
import io.coffer.registry.domain.RegistryException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** The one place registry errors become OCI error JSON: each kind's code and status, declared once. */
public final class OciErrors {
  private OciErrors() {}

  record Wire(String code, int status) {}

  static Wire wire(ErrorKind kind) {
    return switch (kind) {
      case BLOB_UNKNOWN -> new Wire("BLOB_UNKNOWN", 404);
      case BLOB_UPLOAD_INVALID -> new Wire("BLOB_UPLOAD_INVALID", 400);
      case BLOB_UPLOAD_UNKNOWN -> new Wire("BLOB_UPLOAD_UNKNOWN", 404);
      case DIGEST_INVALID -> new Wire("DIGEST_INVALID", 400);
      case MANIFEST_BLOB_UNKNOWN -> new Wire("MANIFEST_BLOB_UNKNOWN", 400);
      case MANIFEST_INVALID -> new Wire("MANIFEST_INVALID", 400);
      case MANIFEST_TOO_LARGE -> new Wire("MANIFEST_INVALID", 413);
      case MANIFEST_UNKNOWN -> new Wire("MANIFEST_UNKNOWN", 404);
      case NAME_INVALID -> new Wire("NAME_INVALID", 400);
      case NAME_UNKNOWN -> new Wire("NAME_UNKNOWN", 404);
      case SIZE_INVALID -> new Wire("SIZE_INVALID", 400);
      case RANGE_INVALID -> new Wire("BLOB_UPLOAD_INVALID", 416);
      case UNAUTHORIZED -> new Wire("UNAUTHORIZED", 401);
      case DENIED -> new Wire("DENIED", 403);
      case UNSUPPORTED -> new Wire("UNSUPPORTED", 405);
      case TOO_MANY_REQUESTS -> new Wire("TOOMANYREQUESTS", 429);
      case KEY_UNAVAILABLE -> new Wire("DENIED", 403);
    };
  }

  public static void write(Context ctx, RegistryException e) {
    Wire w = wire(e.kind());
    ctx.status(w.status());
    if (e.kind() == ErrorKind.RANGE_INVALID && e.detail() instanceof Long size) {
      ctx.header("Range", size == 0 ? "0-0" : "0-" + (size - 1));
    }
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("code", w.code());
    error.put("message", e.getMessage());
    error.put("detail", e.detail());
    ctx.contentType("application/json");
    if (!ctx.method().name().equals("HEAD")) ctx.result(Json.bytes(Map.of("errors", List.of(error))));
  }
}
