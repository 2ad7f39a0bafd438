package io.coffer.cli.session;

import io.coffer.cli.CliException;
import io.coffer.common.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the session in {@code <config dir>/session.json}. The file holds tokens, so it is created
 * owner-only (0600) before any byte is written, in a folder created owner-only (0700), and
 * replaced atomically so a crash never leaves half a file.
 */
public final class SessionStore {
  private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private final Path dir;

  public SessionStore(Path dir) {
    this.dir = dir;
  }

  public Path file() {
    return dir.resolve("session.json");
  }

  public Optional<Session> load() {
    Path file = file();
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(file), Session.class));
    } catch (IOException e) {
      throw new CliException("Cannot read the session file " + file + " (" + e.getMessage()
          + "). Please run 'coffer login' to setup account.");
    }
  }

  public void save(Session session) {
    try {
      createDirectory();
      Path tmp = dir.resolve("session.json." + ProcessHandle.current().pid() + ".tmp");
      Files.deleteIfExists(tmp);
      if (posix()) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE_MODE));
      } else {
        Files.createFile(tmp);
      }
      Files.write(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(session));
      try {
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CliException("Cannot write the session file " + file() + ": " + e.getMessage());
    }
  }

  /** Returns false when there was no session. */
  public boolean delete() {
    try {
      return Files.deleteIfExists(file());
    } catch (IOException e) {
      throw new CliException("Cannot remove the session file " + file() + ": " + e.getMessage());
    }
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(dir)) return;
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    try {
      FileAttribute<?>[] attrs = posix()
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR_MODE)}
          : new FileAttribute<?>[0];
      Files.createDirectory(dir, attrs);
      // The umask may have removed bits from the attribute; set the mode explicitly.
      if (posix()) Files.setPosixFilePermissions(dir, DIR_MODE);
    } catch (FileAlreadyExistsException e) {
      // Another coffer process created it at the same moment.
    }
  }

  private boolean posix() {
    return dir.toAbsolutePath().getRoot() != null
        && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
