package io.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {
  @TempDir Path dir;

  @Test
  void verify_validFile_printsValidAndExitsZero() throws Exception {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "encryption:\n  keyCacheTtl: 10m\n");
    TestCli.Result r = new TestCli(dir).run("config", "verify", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(f + ": configuration is valid\n");
  }

  @Test
  void verify_unknownKey_errorExitsOne() throws Exception {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "encryption:\n  keyCacheTTL: 10m\n");
    TestCli.Result r = new TestCli(dir).run("config", "verify", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: ").contains("keyCacheTTL");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void verify_missingFile_errorExitsOne() {
    TestCli.Result r = new TestCli(dir).run("config", "verify", dir.resolve("nope.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: ").contains("nope.yaml");
  }

  @Test
  void verify_environmentOverrideInvalid_errorExitsOne() throws Exception {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "{}\n");
    TestCli.Result r = new TestCli(dir).env("COFFER_GC_INTERVAL", "soon").run("config", "verify", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("soon");
  }

  @Test
  void show_file_printsEffectiveYaml() throws Exception {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "encryption:\n  keyCacheTtl: 10m\n");
    TestCli.Result r = new TestCli(dir).run("config", "show", f.toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("keyCacheTtl").contains("10m").contains("dataDir");
  }

  @Test
  void show_noFile_printsDefaults() {
    TestCli.Result r = new TestCli(dir).run("config", "show");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("dataDir");
  }
}
