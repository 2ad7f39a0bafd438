package io.coffer.control.infrastructure;

import io.coffer.common.Json;
import io.coffer.control.domain.ControlException;
import io.coffer.identity.managed.ManagedIdentityException;
import io.coffer.vault.vaults.VaultException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** The one mapping of control-plane refusals to {@code {"error":{"code","message"}}} and their statuses. */
final class ControlErrors {
  private ControlErrors() {}

  static void register(Javalin app) {
    app.exception(ControlException.class, (e, ctx) -> write(ctx, e));
    app.exception(VaultException.class, (e, ctx) -> write(ctx, of(e)));
    app.exception(ManagedIdentityException.class, (e, ctx) -> write(ctx, of(e)));
  }

  static ControlException of(VaultException e) {
    return switch (e.problem()) {
      case INVALID_NAME -> new ControlException(ControlException.Kind.BAD_REQUEST, "VaultNameNotValid", e.getMessage());
      case INVALID_PROPERTY -> new ControlException(ControlException.Kind.BAD_REQUEST, "BadRequest", e.getMessage());
      case NAME_IN_USE, PURGE_PROTECTED ->
          new ControlException(ControlException.Kind.CONFLICT, "ConflictError", e.getMessage());
      case LOCATION_CONFLICT ->
          new ControlException(ControlException.Kind.CONFLICT, "InvalidResourceLocation", e.getMessage());
      case NOT_FOUND -> new ControlException(ControlException.Kind.NOT_FOUND, "ResourceNotFound", e.getMessage());
      case DELETED_NOT_FOUND ->
          new ControlException(ControlException.Kind.NOT_FOUND, "DeletedVaultNotFound", e.getMessage());
    };
  }

  static ControlException of(ManagedIdentityException e) {
    return switch (e.problem()) {
      case INVALID_NAME ->
          new ControlException(ControlException.Kind.BAD_REQUEST, "InvalidResourceName", e.getMessage());
      case NOT_FOUND -> new ControlException(ControlException.Kind.NOT_FOUND, "ResourceNotFound", e.getMessage());
    };
  }

  static int status(ControlException.Kind kind) {
    return switch (kind) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
    };
  }

  static void write(Context ctx, ControlException e) {
    ctx.status(status(e.kind())).contentType("application/json")
        .result(Json.bytes(Map.of("error", Map.of("code", e.code(), "message", e.getMessage()))));
  }
}
