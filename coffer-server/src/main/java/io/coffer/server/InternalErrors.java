package io.coffer.server;

import io.coffer.common.Json;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures no area mapped: logged with their stack, answered in the wire format of the surface. */
final class InternalErrors {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

  private InternalErrors() {}

  static void write(Context ctx, Exception e) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    ctx.status(500).contentType("application/json");
    String message = "internal error: " + e.getClass().getSimpleName();
    if (ctx.path().startsWith("/v2") || ctx.path().startsWith("/acr/")) {
      ctx.result(Json.bytes(Map.of("errors", List.of(Map.of("code", "UNKNOWN", "message", message)))));
    } else {
      ctx.result(Json.bytes(Map.of("error", Map.of("code", "InternalServerError", "message", message))));
    }
  }
}
