package io.coffer.registry.infrastructure.sql;

import io.coffer.registry.domain.Registry;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.util.Locale;
import java.util.Optional;

/** Registry rows as the data plane reads them. */
public final class SqlRegistries {
  private final Database db;

  public SqlRegistries(Database db) {
    this.db = db;
  }

  public Optional<Registry> byPathName(String name) {
    return db.read(c -> Sql.one(c, "SELECT id, name, anonymous_pull_enabled FROM registries WHERE name_key = ?",
        rs -> new Registry(rs.getString(1), rs.getString(2), rs.getBoolean(3)), name.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> adminPasswordHash(String registryId, String credentialName) {
    return db.read(c -> Sql.one(c,
        "SELECT rc.password_hash FROM registry_credentials rc JOIN registries r ON r.id = rc.registry_id "
            + "WHERE rc.registry_id = ? AND rc.name = ? AND r.admin_user_enabled",
        rs -> rs.getString(1), registryId, credentialName));
  }
}
