package io.coffer.registry.infrastructure.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coffer.common.Json;
import io.coffer.registry.domain.RegistrySettings;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.storage.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@link RegistrySettings} in columns of {@code registries}; a registry that is not there reads as the defaults. */
public final class SqlRegistrySettings implements RegistrySettingsStore {
  @Override
  public RegistrySettings get(Connection c, String registryId) throws SQLException {
    return Sql.one(c, "SELECT network_default_deny, network_ip_rules, quarantine_enabled, trust_enabled, "
        + "retention_enabled, retention_days FROM registries WHERE id = ?", rs -> new RegistrySettings(
            new RegistrySettings.NetworkRules(rs.getBoolean(1), rules(rs.getString(2))),
            new RegistrySettings.Policies(rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5), rs.getInt(6))),
        registryId).orElse(RegistrySettings.DEFAULT);
  }

  @Override
  public void put(Connection c, String registryId, RegistrySettings s) throws SQLException {
    RegistrySettings.Policies p = s.policies();
    Sql.update(c, "UPDATE registries SET network_default_deny = ?, network_ip_rules = ?, quarantine_enabled = ?, "
        + "trust_enabled = ?, retention_enabled = ?, retention_days = ? WHERE id = ?",
        s.networkRules().denyByDefault(), Json.string(s.networkRules().ipRules()), p.quarantineEnabled(),
        p.trustEnabled(), p.retentionEnabled(), p.retentionDays(), registryId);
  }

  private static List<String> rules(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (Exception e) {
      return List.of(); // never widens access: the firewall then lets nothing listed through
    }
  }
}
