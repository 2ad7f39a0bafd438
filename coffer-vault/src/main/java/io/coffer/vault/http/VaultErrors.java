package io.coffer.vault.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coffer.common.Json;
import io.coffer.vault.access.AccessDeniedException;
import io.coffer.vault.access.Caller;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where refusals become Key Vault's wire errors:
 * {@code {"error":{"code","message","innererror":{"code"}}}} with the status the SDK expects.
 */
final class VaultErrors {
  private static final Logger LOG = LoggerFactory.getLogger(VaultErrors.class);

  /** A wire error: status, code, message, optional inner code. */
  record WireError(int status, String code, String message, String innerCode) {
    ObjectNode body() {
      ObjectNode root = Json.object();
      ObjectNode error = root.putObject("error");
      error.put("code", code);
      error.put("message", message);
      if (innerCode != null) error.putObject("innererror").put("code", innerCode);
      return root;
    }

    /** How the audit log records the outcome, e.g. {@code 403 Forbidden}. */
    String auditResult() {
      return status + " " + code;
    }
  }

  private VaultErrors() {}

  static WireError of(Throwable e, Vault vault, Caller caller, KeyPermission permission, String method, String path) {
    if (e instanceof VaultHttpException h) return new WireError(h.status, h.code, h.getMessage(), null);
    if (e instanceof KeyException k) {
      return switch (k.kind()) {
        case NOT_FOUND -> new WireError(404, "KeyNotFound", k.getMessage(), null);
        case DELETED_NAME_CONFLICT, ALREADY_EXISTS -> new WireError(409, "Conflict", k.getMessage(), null);
        case BAD_PARAMETER -> new WireError(400, "BadParameter", k.getMessage(), null);
        case NOT_ALLOWED -> new WireError(403, "Forbidden", k.getMessage(), null);
        case HSM_UNAVAILABLE -> new WireError(503, "ServiceUnavailable", k.getMessage(), null);
      };
    }
    if (e instanceof AccessDeniedException d) return denied(d, vault, caller, permission);
    LOG.error("{} {} failed", method, path, e);
    return new WireError(500, "InternalServerError", "The vault could not complete the request.", null);
  }

  /**
   * The authorizer already words its refusal as Key Vault does; the inner code tells firewall,
   * RBAC and access policy apart. A refusal without words gets Key Vault's policy wording.
   */
  private static WireError denied(AccessDeniedException d, Vault vault, Caller caller, KeyPermission permission) {
    String inner = d.reason() == AccessDeniedException.Reason.FIREWALL ? "ForbiddenByFirewall"
        : vault.rbacAuthorization() ? "ForbiddenByRbac" : "ForbiddenByPolicy";
    String message = d.getMessage() != null && !d.getMessage().isBlank() ? d.getMessage()
        : "The user, group or application 'oid=" + caller.objectId() + "' does not have keys "
            + permission.wireName() + " permission on key vault '" + vault.name() + "'.";
    return new WireError(403, "Forbidden", message, inner);
  }

}
