package io.coffer.cli.commands;

import io.coffer.cli.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The local files of {@code keyvault key} (PEM keys, backups). A backup holds key material, so it
 * is created owner-only (0600) before any byte is written, and never over an existing file.
 */
final class KeyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private KeyFiles() {}

  /** The bytes of a regular file named by {@code option}; a usage error when it cannot be read. */
  static byte[] read(String option, Path file) {
    if (Files.isDirectory(file)) throw KeyArguments.usage("argument " + option + ": '" + file + "' is a directory.");
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw KeyArguments.usage("argument " + option + ": the file '" + file + "' does not exist.");
    } catch (AccessDeniedException e) {
      throw KeyArguments.usage("argument " + option + ": the file '" + file + "' cannot be read (access denied).");
    } catch (IOException e) {
      throw KeyArguments.usage("argument " + option + ": cannot read '" + file + "': " + e.getMessage());
    }
  }

  /** Refuses early, before any call, a file that exists (a backup is never overwritten). */
  static void checkAbsent(String option, Path file) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) throw exists(option, file);
  }

  private static CliException exists(String option, Path file) {
    return KeyArguments.usage("argument " + option + ": the file '" + file + "' already exists; "
        + "choose another name or remove it first.");
  }

  /** Writes a new owner-only file; a partly written one is removed. */
  static void writeNew(String option, Path file, byte[] bytes) {
    boolean posix = file.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      throw exists(option, file);
    } catch (NoSuchFileException e) {
      throw new CliException("Cannot create '" + file + "': its folder does not exist.");
    } catch (IOException e) {
      throw new CliException("Cannot create '" + file + "': " + e.getMessage());
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      out.write(bytes);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The write error below is the one to report.
      }
      throw new CliException("Cannot write '" + file + "': " + e.getMessage());
    }
  }
}
