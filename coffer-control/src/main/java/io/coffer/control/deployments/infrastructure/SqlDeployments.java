package io.coffer.control.deployments.infrastructure;

import io.coffer.common.Json;
import io.coffer.control.deployments.Deployment;
import io.coffer.control.deployments.application.DeploymentStore;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code deployments} table (V8): one row per name and group, its ARM {@code properties} as JSON. */
public final class SqlDeployments implements DeploymentStore {
  private final Database db;

  public SqlDeployments(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Deployment> find(String subscription, String group, String name) {
    return db.read(c -> Sql.one(c, "SELECT subscription_id, group_name, name, record FROM deployments "
        + "WHERE subscription_id = ? AND resource_group = ? AND name_key = ?", SqlDeployments::row, subscription,
        key(group), key(name)));
  }

  @Override
  public List<Deployment> list(String subscription, String group) {
    return db.read(c -> Sql.query(c, "SELECT subscription_id, group_name, name, record FROM deployments "
        + "WHERE subscription_id = ? AND resource_group = ? ORDER BY name_key", SqlDeployments::row, subscription,
        key(group)));
  }

  @Override
  public void save(Deployment d) {
    String record = Json.string(DeploymentJson.properties(d));
    long now = d.timestamp().plus(d.duration()).toEpochMilli();
    db.inTransaction(c -> {
      if (Sql.update(c, "UPDATE deployments SET name = ?, group_name = ?, provisioning_state = ?, record = ?, "
          + "updated_at = ? WHERE subscription_id = ? AND resource_group = ? AND name_key = ?", d.name(),
          d.resourceGroup(), d.state().name(), record, now, d.subscriptionId(), key(d.resourceGroup()),
          key(d.name())) == 0) {
        Sql.update(c, "INSERT INTO deployments (subscription_id, resource_group, name_key, name, group_name, "
            + "provisioning_state, record, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", d.subscriptionId(),
            key(d.resourceGroup()), key(d.name()), d.name(), d.resourceGroup(), d.state().name(), record, now, now);
      }
      return null;
    });
  }

  @Override
  public boolean delete(String subscription, String group, String name) {
    return db.inTransaction(c -> Sql.update(c, "DELETE FROM deployments WHERE subscription_id = ? AND "
        + "resource_group = ? AND name_key = ?", subscription, key(group), key(name)) > 0);
  }

  private static Deployment row(ResultSet rs) throws SQLException {
    return DeploymentJson.read(rs.getString(1), rs.getString(2), rs.getString(3), Json.parse(rs.getString(4)));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
