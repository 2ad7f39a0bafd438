package io.coffer.control.application;

import io.coffer.control.domain.ControlException;
import io.coffer.control.domain.ControlException.Kind;
import io.coffer.identity.UserDirectory;
import io.coffer.identity.UserDirectory.User;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.storage.db.Database;
import java.util.List;
import java.util.regex.Pattern;

/** The tenant's users as the Graph-like {@code /v1.0/users} API manages them. */
public final class DirectoryUsers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}");
  private static final int MIN_PASSWORD = 8;
  private final UserDirectory users;
  private final Database db;
  private final SqlRoleAssignments roleAssignments;

  public DirectoryUsers(UserDirectory users, Database db, SqlRoleAssignments roleAssignments) {
    this.users = users;
    this.db = db;
    this.roleAssignments = roleAssignments;
  }

  public User create(String userPrincipalName, String displayName, String password) {
    if (userPrincipalName == null || !NAME.matcher(userPrincipalName).matches()) {
      throw badRequest("Invalid value specified for property 'userPrincipalName' of resource 'User': use up to 200 "
          + "letters, digits and '.', '_', '@', '+', '-', starting with a letter or digit.");
    }
    if (password == null || password.length() < MIN_PASSWORD) {
      throw badRequest("The specified password does not comply with password complexity requirements: use at least "
          + MIN_PASSWORD + " characters.");
    }
    if (displayName != null && (displayName.isBlank() || displayName.length() > 256)) {
      throw badRequest("Invalid value specified for property 'displayName' of resource 'User'.");
    }
    if (users.exists(userPrincipalName)) {
      throw badRequest("Another object with the same value for property userPrincipalName already exists.");
    }
    return users.create(userPrincipalName, displayName == null ? userPrincipalName : displayName, password, false);
  }

  public List<User> list() {
    return users.users();
  }

  public User get(String idOrName) {
    return users.find(idOrName).orElseThrow(() -> new ControlException(Kind.NOT_FOUND, "Request_ResourceNotFound",
        "Resource '" + idOrName + "' does not exist or one of its queried reference-property objects are not "
            + "present."));
  }

  /** Deletes a user and the roles given to it. The administrator cannot be deleted. */
  public void delete(String idOrName) {
    User u = get(idOrName);
    if (u.admin()) {
      throw new ControlException(Kind.FORBIDDEN, "Authorization_RequestDenied", "The administrator '" + u.name()
          + "' cannot be deleted.");
    }
    db.inTransaction(c -> {
      roleAssignments.deleteForPrincipal(c, u.id());
      return null;
    });
    users.delete(u.id());
  }

  private static ControlException badRequest(String message) {
    return new ControlException(Kind.BAD_REQUEST, "Request_BadRequest", message);
  }
}
