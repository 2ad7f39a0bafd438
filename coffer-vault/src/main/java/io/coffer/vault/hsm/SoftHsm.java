package io.coffer.vault.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * SoftHSM2, the software token Coffer uses when no PKCS#11 library is configured.
 *
 * <p>SoftHSM2 reads its configuration file from the {@code SOFTHSM2_CONF} environment variable
 * when it is loaded, and a running JVM cannot set its own environment. So the variable is set by
 * whoever starts Coffer (the {@code coffer} launcher, the test runner); when the file it names does
 * not exist yet, Coffer writes it, with the tokens in {@code tokens/} beside it. Without the
 * variable SoftHSM2's system configuration is used. Tokens are listed and initialised with
 * {@code softhsm2-util} in a child process (it inherits the same environment) before the library
 * is loaded into this process, which only then sees them.
 */
final class SoftHsm {
  static final String DEFAULT_CONF = "/etc/softhsm/softhsm2.conf";
  private static final List<String> LIBRARIES = List.of(
      "/usr/lib/softhsm/libsofthsm2.so",
      "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
      "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
      "/usr/lib64/pkcs11/libsofthsm2.so",
      "/usr/lib/pkcs11/libsofthsm2.so",
      "/usr/local/lib/softhsm/libsofthsm2.so",
      "/opt/homebrew/lib/softhsm/libsofthsm2.so");

  record Slot(long id, String label) {}

  private final Path configFile;

  private SoftHsm(Path configFile) {
    this.configFile = configFile;
  }

  /** The SoftHSM2 library installed on this machine, if any. */
  static Optional<String> installedLibrary() {
    return LIBRARIES.stream().filter(p -> Files.isReadable(Path.of(p))).findFirst();
  }

  static boolean isSoftHsm(String library) {
    return Path.of(library).getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains("softhsm");
  }

  /** Makes sure SoftHSM2 has a configuration it can read, writing the one SOFTHSM2_CONF names if missing. */
  static SoftHsm configure(Map<String, String> env) throws HsmException {
    String named = env.get("SOFTHSM2_CONF");
    if (named == null || named.isBlank()) {
      Path system = Path.of(DEFAULT_CONF);
      if (!Files.isReadable(system)) {
        throw new HsmException("SoftHSM2 cannot read its configuration " + DEFAULT_CONF + ". Set the environment "
            + "variable SOFTHSM2_CONF to a file of your own before starting Coffer (for example "
            + "DIR/hsm/softhsm2.conf; Coffer creates it and the token folder beside it).");
      }
      return new SoftHsm(system);
    }
    Path conf = Path.of(named).toAbsolutePath();
    if (!Files.exists(conf)) write(conf);
    if (!Files.isReadable(conf)) throw new HsmException("SoftHSM2 configuration " + conf + " is not readable.");
    return new SoftHsm(conf);
  }

  private static void write(Path conf) throws HsmException {
    Path tokens = conf.resolveSibling("tokens");
    try {
      Files.createDirectories(conf.getParent());
      if (!Files.exists(tokens)) {
        Files.createDirectories(tokens, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      String text = "# SoftHSM2 configuration written by Coffer for its RSA-HSM keys.\n"
          + "directories.tokendir = " + tokens + "/\n"
          + "objectstore.backend = file\n"
          + "log.level = ERROR\n"
          + "slots.removable = false\n";
      Path tmp = conf.resolveSibling(conf.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, conf, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HsmException("Cannot write the SoftHSM2 configuration " + conf + ": " + e.getMessage(), e);
    }
  }

  Path configFile() {
    return configFile;
  }

  /** The slot holding the initialised token of that label. */
  OptionalLong slotOf(String label) throws HsmException {
    for (Slot s : slots()) {
      if (s.label().equals(label)) return OptionalLong.of(s.id());
    }
    return OptionalLong.empty();
  }

  /** Initialises a new token in a free slot. */
  void initToken(String label, String soPin, String userPin) throws HsmException {
    // softhsm2-util reads PINs only from a terminal, so they go on its command line, which only
    // lives for the moment of this call.
    run("--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", userPin);
  }

  List<Slot> slots() throws HsmException {
    List<Slot> slots = new ArrayList<>();
    Long slot = null;
    boolean initialized = false;
    for (String line : run("--show-slots").split("\n")) {
      String t = line.strip();
      if (t.startsWith("Slot ") && !t.contains(":")) {
        slot = Long.parseLong(t.substring(5).trim());
        initialized = false;
      } else if (t.startsWith("Initialized:")) {
        initialized = t.endsWith("yes");
      } else if (t.startsWith("Label:") && slot != null && initialized) {
        slots.add(new Slot(slot, t.substring("Label:".length()).strip()));
      }
    }
    return slots;
  }

  private String run(String... args) throws HsmException {
    List<String> command = new ArrayList<>();
    command.add("softhsm2-util");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", configFile.toString());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HsmException("softhsm2-util " + args[0] + " did not finish within 60 seconds.");
      }
      if (p.exitValue() != 0) {
        throw new HsmException("softhsm2-util " + args[0] + " failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new HsmException("Cannot run softhsm2-util (package softhsm2): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HsmException("Interrupted while running softhsm2-util.", e);
    }
  }
}
