package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {
  @TempDir Path dir;

  @Test
  void firstStart_noPasswordGiven_generatesPrintsAndStoresOnlyAHash() throws Exception {
    dir = dir.resolve("fresh");
    Map<String, String> env = Map.of("COFFER_DATA_DIR", dir.toString(), "COFFER_SERVER_LISTEN", "127.0.0.1:0",
        "COFFER_ENCRYPTION_WARM_UP", "false");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    String password;
    try (CofferServer server = CofferServer.start(ConfigLoader.load(null, env), env, new PrintStream(console))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      Path file = dir.resolve("initial-admin-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      password = Files.readString(file).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(console.toString(StandardCharsets.UTF_8)).contains(password).contains(server.url());
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          java.net.URI.create(server.url() + "/v2/")).header("Authorization", "Basic "
          + java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    byte[] db = Files.readAllBytes(dir.resolve("coffer.db"));
    assertThat(new String(db, StandardCharsets.ISO_8859_1)).doesNotContain(password).contains("pbkdf2-sha256");
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (CofferServer server = CofferServer.start(ConfigLoader.load(null, env), env, new PrintStream(second))) {
      assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain(password);
    }
  }
}
