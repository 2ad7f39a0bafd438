package io.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void load_noFileNoEnv_givesDocumentedDefaults() {
    CofferConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.dataDir).isEqualTo("./coffer-data");
    assertThat(c.server.listen).isEqualTo("0.0.0.0:5080");
    assertThat(c.encryption.keyCacheTtl).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void load_fileThenEnv_envWins() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "encryption:\n  keyCacheTtl: 10m\ngc:\n  interval: PT2H\n");
    CofferConfig c = ConfigLoader.load(f, Map.of("COFFER_ENCRYPTION_KEY_CACHE_TTL", "5s",
        "COFFER_REGISTRY_MAX_OPEN_UPLOADS", "7", "COFFER_SERVER_TLS", "true"));
    assertThat(c.encryption.keyCacheTtl).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.gc.interval).isEqualTo(Duration.ofHours(2));
    assertThat(c.registry.maxOpenUploads).isEqualTo(7);
    assertThat(c.server.tls).isTrue();
  }

  @Test
  void load_unknownKey_namesIt() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "encryption:\n  keyCacheTTL: 10m\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("keyCacheTTL");
  }

  @Test
  void load_badDuration_isRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("COFFER_GC_INTERVAL", "soon")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("soon");
  }

  @Test
  void load_invalidValues_listsEveryProblem() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("COFFER_SERVER_LISTEN", "nowhere",
        "COFFER_ENCRYPTION_SEGMENT_SIZE", "12")))
        .hasMessageContaining("server.listen").hasMessageContaining("encryption.segmentSize");
  }

  @Test
  void envName_camelCase_becomesUpperSnake() {
    assertThat(ConfigLoader.envName("encryption.keyCacheTtl")).isEqualTo("COFFER_ENCRYPTION_KEY_CACHE_TTL");
    assertThat(ConfigLoader.keys()).contains("encryption.keyCacheTtl", "server.listen", "dataDir");
  }
}
