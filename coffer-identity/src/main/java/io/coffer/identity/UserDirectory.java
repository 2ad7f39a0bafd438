package io.coffer.identity;

import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Users and their password hashes. Only hashes are stored. */
public final class UserDirectory {
  private static final long CACHE_MILLIS = 60_000;
  private final Database db;
  // Successful checks are remembered briefly so HTTP Basic on every request does not pay PBKDF2.
  private final Map<String, CachedLogin> recentLogins = new ConcurrentHashMap<>();

  private record CachedLogin(Principal principal, long until) {}

  public UserDirectory(Database db) {
    this.db = db;
  }

  /** A user as the tenant directory shows it; {@code name} is the sign-in name (userPrincipalName). */
  public record User(String id, String name, String displayName, boolean admin) {
    public Principal principal() {
      return Principal.user(id, name, admin);
    }
  }

  public Principal create(String name, String password, boolean admin) {
    return create(name, name, password, admin).principal();
  }

  public User create(String name, String displayName, String password, boolean admin) {
    String id = UUID.randomUUID().toString();
    String hash = PasswordHasher.hash(password);
    db.inTransaction(c -> Sql.update(c,
        "INSERT INTO users (id, name, display_name, password_hash, is_admin, created_at) VALUES (?,?,?,?,?,?)",
        id, name, displayName, hash, admin, System.currentTimeMillis()));
    return new User(id, name, displayName, admin);
  }

  private static final String USER_COLUMNS = "SELECT id, name, COALESCE(display_name, name), is_admin FROM users ";

  private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
  }

  public List<User> users() {
    return db.read(c -> Sql.query(c, USER_COLUMNS + "ORDER BY name", UserDirectory::user));
  }

  /** A user by object id or by sign-in name. */
  public Optional<User> find(String idOrName) {
    return db.read(c -> Sql.one(c, USER_COLUMNS + "WHERE id = ? OR name = ?", UserDirectory::user, idOrName,
        idOrName));
  }

  /** Removes a user; its refresh tokens stop working and its password is no longer accepted. */
  public boolean delete(String id) {
    int n = db.inTransaction(c -> Sql.update(c, "DELETE FROM users WHERE id = ?", id));
    // Remembered sign-ins would otherwise outlive the user by up to a minute.
    recentLogins.clear();
    return n > 0;
  }

  public boolean exists(String name) {
    return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM users WHERE name = ?", name)) > 0;
  }

  public Optional<Principal> findById(String id) {
    return db.read(c -> Sql.one(c, "SELECT id, name, is_admin FROM users WHERE id = ?",
        rs -> Principal.user(rs.getString(1), rs.getString(2), rs.getBoolean(3)), id));
  }

  public List<Principal> list() {
    return db.read(c -> Sql.query(c, "SELECT id, name, is_admin FROM users ORDER BY name",
        rs -> Principal.user(rs.getString(1), rs.getString(2), rs.getBoolean(3))));
  }

  /** Checks a name and password; empty when either is wrong. */
  public Optional<Principal> authenticate(String name, String password) {
    String cacheKey = name + "\u0000" + io.coffer.common.Hashes.sha256Hex(password);
    CachedLogin cached = recentLogins.get(cacheKey);
    long now = System.currentTimeMillis();
    if (cached != null && cached.until > now) return Optional.of(cached.principal);
    record Row(Principal p, String hash) {}
    Optional<Row> row = db.read(c -> Sql.one(c,
        "SELECT id, name, is_admin, password_hash FROM users WHERE name = ?",
        rs -> new Row(Principal.user(rs.getString(1), rs.getString(2), rs.getBoolean(3)), rs.getString(4)), name));
    if (row.isEmpty() || !PasswordHasher.verify(password, row.get().hash())) return Optional.empty();
    if (recentLogins.size() > 10_000) recentLogins.clear();
    recentLogins.put(cacheKey, new CachedLogin(row.get().p(), now + CACHE_MILLIS));
    return Optional.of(row.get().p());
  }
}
