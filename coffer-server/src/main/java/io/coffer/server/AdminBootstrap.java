package io.coffer.server;

import io.coffer.common.Ids;
import io.coffer.identity.UserDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * On first start, creates the user {@code admin}: password from {@code COFFER_ADMIN_PASSWORD},
 * or generated, printed once and written to {@code DIR/initial-admin-password} (0600).
 */
final class AdminBootstrap {
  static final String ADMIN = "admin";

  private AdminBootstrap() {}

  static void ensureAdmin(UserDirectory users, Path dataDir, String fromEnv, PrintStream out) throws IOException {
    if (users.exists(ADMIN)) return;
    boolean generated = fromEnv == null || fromEnv.isEmpty();
    String password = generated ? Ids.password(24) : fromEnv;
    users.create(ADMIN, password, true);
    if (generated) {
      Path file = dataDir.resolve("initial-admin-password");
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password + "\n");
      out.println("Created user 'admin' with password: " + password);
      out.println("(also written to " + file + "; it is not shown again)");
    } else {
      out.println("Created user 'admin' with the password from COFFER_ADMIN_PASSWORD");
    }
  }
}
