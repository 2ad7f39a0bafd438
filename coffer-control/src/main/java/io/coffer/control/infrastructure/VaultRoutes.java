package io.coffer.control.infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.control.application.VaultResources;
import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.vaults.DeletedVault;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultAddresses;
import io.coffer.vault.vaults.VaultService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Microsoft.KeyVault/vaults} (create or recover, update, read, list, soft delete), their
 * access policy edits and audit log, and {@code deletedVaults} (list, read, purge).
 */
final class VaultRoutes {
  private static final int DEFAULT_TOP = 100;
  private static final int MAX_TOP = 10_000;
  private final VaultResources vaults;
  private final VaultAddresses addresses;
  private final AuditLog auditLog;

  /** @param auditLog the vault audit log; null when this server keeps none (the audit paths then do not exist) */
  VaultRoutes(VaultResources vaults, VaultAddresses addresses, AuditLog auditLog) {
    this.vaults = vaults;
    this.addresses = addresses;
    this.auditLog = auditLog;
  }

  /** {@code rest}: the path after {@code .../Microsoft.KeyVault/vaults}. */
  void handle(ArmCall call, String groupOrNull, List<String> rest) {
    String sub = call.sub();
    if (rest.isEmpty() && call.method().equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (Vault v : vaults.list(sub, groupOrNull)) out.add(json(v));
      call.json(200, Map.of("value", out));
      return;
    }
    if (groupOrNull == null || rest.isEmpty()) throw call.notFound();
    String name = rest.get(0);
    if (rest.size() == 1) {
      vault(call, groupOrNull, name);
    } else if (rest.size() == 3 && rest.get(1).equalsIgnoreCase("accessPolicies") && call.method().equals("PUT")) {
      accessPolicies(call, groupOrNull, name, rest.get(2));
    } else if (rest.size() == 2 && rest.get(1).equalsIgnoreCase("auditEvents") && call.method().equals("GET")
        && auditLog != null) {
      Vault v = vaults.get(sub, groupOrNull, name);
      List<Object> out = new ArrayList<>();
      for (AuditLog.Entry e : auditLog.list(v.name(), top(call))) out.add(VaultJson.auditEntry(e));
      call.json(200, Map.of("value", out));
    } else if (rest.size() == 2 && rest.get(1).equalsIgnoreCase("verifyAudit") && call.method().equals("POST")
        && auditLog != null) {
      vaults.get(sub, groupOrNull, name);
      call.json(200, VaultJson.verification(auditLog.verify()));
    } else {
      throw call.notFound();
    }
  }

  /** {@code rest}: the path after {@code /subscriptions/{s}/providers/Microsoft.KeyVault}. */
  void handleDeleted(ArmCall call, List<String> rest) {
    String sub = call.sub();
    if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("deletedVaults") && call.method().equals("GET")) {
      List<Object> out = new ArrayList<>();
      for (DeletedVault d : vaults.deleted(sub)) out.add(VaultJson.deleted(d));
      call.json(200, Map.of("value", out));
    } else if (rest.size() >= 4 && rest.get(0).equalsIgnoreCase("locations")
        && rest.get(2).equalsIgnoreCase("deletedVaults")) {
      String location = rest.get(1);
      String name = rest.get(3);
      if (rest.size() == 4 && call.method().equals("GET")) {
        call.json(200, VaultJson.deleted(vaults.deleted(sub, location, name)));
      } else if (rest.size() == 5 && rest.get(4).equalsIgnoreCase("purge") && call.method().equals("POST")) {
        vaults.purge(sub, location, name);
        call.ctx().status(200);
      } else {
        throw call.notFound();
      }
    } else {
      throw call.notFound();
    }
  }

  private void vault(ArmCall call, String group, String name) {
    String sub = call.sub();
    switch (call.method()) {
      case "GET" -> call.json(200, json(vaults.get(sub, group, name)));
      case "PUT" -> {
        JsonNode body = call.body();
        String mode = ArmCall.text(body.path("properties"), "createMode");
        if (mode != null && mode.equalsIgnoreCase("recover")) {
          call.json(200, json(vaults.recover(sub, group, name)));
          return;
        }
        if (mode != null && !mode.equalsIgnoreCase("default")) {
          throw VaultBodies.bad("'createMode' must be 'default' or 'recover'; got '" + mode + "'.");
        }
        var result = vaults.put(call.subscription(), group, name, ArmCall.text(body, "location"),
            VaultBodies.settings(body, call.subscription().tenantId()), call.caller());
        call.json(result.created() ? 201 : 200, json(result.vault()));
      }
      case "PATCH" -> {
        JsonNode body = call.body();
        call.json(200, json(vaults.update(sub, group, name,
            VaultBodies.settings(body, call.subscription().tenantId()))));
      }
      case "DELETE" -> call.ctx().status(vaults.delete(sub, group, name) ? 200 : 204);
      default -> throw call.notFound();
    }
  }

  private void accessPolicies(ArmCall call, String group, String name, String editName) {
    VaultService.PolicyEdit edit = switch (editName.toLowerCase(Locale.ROOT)) {
      case "add" -> VaultService.PolicyEdit.ADD;
      case "replace" -> VaultService.PolicyEdit.REPLACE;
      case "remove" -> VaultService.PolicyEdit.REMOVE;
      default -> throw call.notFound();
    };
    JsonNode body = call.body();
    var entries = VaultBodies.policies(body.path("properties").get("accessPolicies"),
        call.subscription().tenantId());
    if (entries == null || entries.isEmpty()) {
      throw VaultBodies.bad("'properties.accessPolicies' must list at least one access policy.");
    }
    Vault v = vaults.editPolicies(call.sub(), group, name, edit, entries);
    call.json(200, VaultJson.accessPolicyEdit(v, edit.name().toLowerCase(Locale.ROOT)));
  }

  private Map<String, Object> json(Vault v) {
    return VaultJson.vault(v, addresses.vaultUri(v.name()));
  }

  private static int top(ArmCall call) {
    String top = call.ctx().queryParam("$top");
    if (top == null) return DEFAULT_TOP;
    try {
      int n = Integer.parseInt(top.trim());
      if (n >= 1 && n <= MAX_TOP) return n;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ControlException(Kind.BAD_REQUEST, "InvalidQueryParameterValue", "'$top' must be an integer from 1 to "
        + MAX_TOP + "; got '" + top + "'.");
  }
}
