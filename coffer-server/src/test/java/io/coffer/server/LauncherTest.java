package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./coffer} launcher: which Java it runs and with what. A copy of the script sits next
 * to a placeholder jar (so it builds nothing), and each "Java" is a script that answers
 * {@code -version} like a JDK and otherwise records the arguments and SoftHSM2 setting it got.
 */
class LauncherTest {
  @TempDir Path dir;
  private Path launcher;
  private Path jar;
  private Path recorded;

  @BeforeEach
  void copyLauncher() throws IOException {
    launcher = dir.resolve("coffer");
    Files.copy(Path.of("..", "coffer"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    jar = Files.createDirectories(dir.resolve("coffer-server/target")).resolve("coffer.jar");
    Files.createFile(jar);
    recorded = dir.resolve("recorded");
  }

  @Test
  void serve_onJava25_allowsTheUnmappingThatWouldWarn() throws Exception {
    List<String> args = run(fakeJava("25.0.1"), "serve", "--data-dir", "/srv/coffer");

    assertThat(args).containsExactly("--sun-misc-unsafe-memory-access=allow", "-Xmx256m", "-jar",
        jar.toString(), "serve", "--data-dir", "/srv/coffer",
        "SOFTHSM2_CONF=/srv/coffer/hsm/softhsm2.conf");
  }

  @Test
  void serve_onJava17_getsNoOptionThatJava17WouldRefuse() throws Exception {
    List<String> args = run(fakeJava("17.0.15"), "serve");

    assertThat(args).containsExactly("-Xmx256m", "-jar", jar.toString(), "serve",
        "SOFTHSM2_CONF=" + dir.toRealPath() + "/coffer-data/hsm/softhsm2.conf");
  }

  @Test
  void otherCommands_runTheJavaOfJavaHomeWithoutServerOptions() throws Exception {
    List<String> args = run(fakeJava("25.0.1"), "acr", "list");

    assertThat(args).containsExactly("-Xmx256m", "-jar", jar.toString(), "acr", "list", "SOFTHSM2_CONF=");
  }

  /** A JAVA_HOME whose bin/java claims {@code version} and records how it was called. */
  private Path fakeJava(String version) throws IOException {
    Path home = dir.resolve("jdk-" + version);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, String.join("\n",
        "#!/usr/bin/env bash",
        "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version + "\" 2025-10-21' >&2; exit 0; fi",
        "printf '%s\\n' \"$@\" \"SOFTHSM2_CONF=${SOFTHSM2_CONF:-}\" > '" + recorded + "'",
        ""));
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    return home;
  }

  private List<String> run(Path javaHome, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString());
    pb.command().addAll(List.of(command));
    pb.directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().put("JAVA_OPTS", "-Xmx256m");
    pb.environment().remove("SOFTHSM2_CONF");
    pb.environment().remove("COFFER_DATA_DIR");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return Files.readAllLines(recorded);
  }
}
