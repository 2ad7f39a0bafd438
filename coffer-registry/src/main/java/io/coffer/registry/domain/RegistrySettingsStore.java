package io.coffer.registry.domain;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads and writes a registry's {@link RegistrySettings}, inside the caller's transaction. */
public interface RegistrySettingsStore {
  RegistrySettings get(Connection c, String registryId) throws SQLException;

  void put(Connection c, String registryId, RegistrySettings settings) throws SQLException;
}
