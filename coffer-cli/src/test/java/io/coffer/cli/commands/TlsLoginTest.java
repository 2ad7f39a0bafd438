package io.coffer.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.coffer.cli.FakeServer;
import io.coffer.cli.TestCli;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a private CA: trusted through --ca-file (remembered) or COFFER_CA_BUNDLE, never blindly. */
class TlsLoginTest {
  @TempDir static Path certs;
  static Path caPem;
  static FakeServer server;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    Path keystore = certs.resolve("server.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keystore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    caPem = certs.resolve("ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", caPem.toString());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = new FakeServer(tls);
    server.on("POST", "/oauth2/token", 200, LoginCommandTest.TOKEN_RESPONSE)
        .on("GET", "/subscriptions", 200, LoginCommandTest.SUBSCRIPTIONS)
        .on("GET", "/subscriptions/sub-1/resourcegroups", 200, "{\"value\":[]}");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + output);
  }

  @Test
  void login_caFile_trustedAndRememberedForLaterCommands(@TempDir Path config) {
    TestCli cli = new TestCli(config);
    TestCli.Result login = cli.run("login", "--server", server.url(), "-u", "alice", "-p", "pw",
        "--ca-file", caPem.toString());
    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(cli.store().load().orElseThrow().caFile()).isEqualTo(caPem.toAbsolutePath().toString());

    TestCli.Result list = cli.run("group", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).isEqualTo("[]\n");
  }

  @Test
  void login_unknownCa_refusedWithHint(@TempDir Path config) {
    TestCli.Result r = new TestCli(config).run("login", "--server", server.url(), "-u", "alice", "-p", "pw");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ERROR: TLS connection to " + server.url() + " failed")
        .contains("--ca-file").contains("COFFER_CA_BUNDLE");
  }

  @Test
  void login_caBundleEnvironment_trusted(@TempDir Path config) {
    TestCli.Result r = new TestCli(config).env("COFFER_CA_BUNDLE", caPem.toString())
        .run("login", "--server", server.url(), "-u", "alice", "-p", "pw");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void login_caFileNotPem_clearError(@TempDir Path config) throws Exception {
    Path bad = config.resolve("bad.pem");
    Files.writeString(bad, "not a certificate");
    TestCli.Result r = new TestCli(config).run("login", "--server", server.url(), "-u", "alice", "-p", "pw",
        "--ca-file", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("bad.pem");
  }
}
