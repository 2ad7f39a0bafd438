package io.coffer.storage.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The metadata store: a pooled JDBC data source with its schema migrated on open.
 *
 * <p>SQLite runs in WAL mode so readers never wait for the writer; write transactions start
 * {@code IMMEDIATE} so two writers queue on the busy timeout instead of failing on upgrade.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final ThreadLocal<List<Runnable>> afterTransaction = new ThreadLocal<>();

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** SQLite file {@code coffer.db} in the data folder, or the given JDBC URL. */
  public static Database open(Path dataDir, String jdbcUrl) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String url = jdbcUrl == null || jdbcUrl.isBlank()
        ? "jdbc:sqlite:" + dataDir.resolve("coffer.db").toAbsolutePath()
        : jdbcUrl;
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(url);
    cfg.setPoolName("coffer-metadata");
    if (url.startsWith("jdbc:sqlite:")) {
      cfg.setMaximumPoolSize(8);
      cfg.addDataSourceProperty("journal_mode", "WAL");
      cfg.addDataSourceProperty("synchronous", "NORMAL");
      cfg.addDataSourceProperty("busy_timeout", "30000");
      cfg.addDataSourceProperty("foreign_keys", "true");
      cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }
    return new Database(new HikariDataSource(cfg));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs work in one transaction, committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    List<Runnable> outer = afterTransaction.get();
    List<Runnable> hooks = new ArrayList<>();
    afterTransaction.set(hooks);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (Throwable t) {
        c.rollback();
        throw t;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    } finally {
      if (outer == null) afterTransaction.remove();
      else afterTransaction.set(outer);
      hooks.forEach(Runnable::run);
    }
  }

  /**
   * Runs {@code action} once the transaction under way on this thread has ended, committed or rolled
   * back, or at once outside a transaction. A write drops in-memory copies of what it changes this
   * way: only when other connections can read the change, so no reader caches the old rows again.
   */
  public void afterTransaction(Runnable action) {
    List<Runnable> hooks = afterTransaction.get();
    if (hooks == null) action.run();
    else hooks.add(action);
  }

  /** Runs a read (or a single statement) in auto-commit mode. */
  public <T> T read(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  public boolean healthy() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
