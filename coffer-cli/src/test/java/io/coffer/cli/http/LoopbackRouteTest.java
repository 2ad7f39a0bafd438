package io.coffer.cli.http;

import io.coffer.common.http.HostBoundTrustManager;
import io.coffer.common.http.LoopbackRoute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.cli.CliContext;
import io.coffer.cli.CliException;
import io.coffer.cli.FakeServer;
import io.coffer.cli.Log;
import io.coffer.common.crypto.Certificates;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code *.localhost} names do not resolve on this machine; the client reaches them on 127.0.0.1
 * with the name in the Host header, the SNI and the certificate check, over HTTP and HTTPS.
 */
class LoopbackRouteTest {
  @TempDir static Path dir;
  static X509Certificate ca;
  static PrivateKey caKey;
  static Path caPem;

  @BeforeAll
  static void authority() throws Exception {
    KeyPair pair = Certificates.rsa(2048);
    ca = Certificates.authority(pair, "CN=Coffer test CA", Duration.ofDays(1));
    caKey = pair.getPrivate();
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, Certificates.pem(ca));
  }

  private static Log log() {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new StringReader(""), Map.of(), Clock.systemUTC(), false).log();
  }

  @Test
  void http_vaultHost_sentToLoopbackWithItsHostHeader() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.on("GET", "/keys", 200, "{\"value\":[]}");
      int port = server.port();
      CofferHttpClient client = CofferHttpClient.create("http://myvault.vault.localhost:" + port + "/", List.of(), log());

      HttpResult r = client.send("GET", client.url("/keys?api-version=7.5"), Auth.none(), null, null);

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.uri().getHost()).isEqualTo("myvault.vault.localhost");
      FakeServer.Request request = server.single("GET", "/keys");
      assertThat(request.header("Host")).isEqualTo("myvault.vault.localhost:" + port);
      assertThat(request.params()).containsEntry("api-version", "7.5");
    }
  }

  @Test
  void https_certificateForTheVaultDomain_trustedWithSniAndHostHeader() throws Exception {
    List<String> sni = new CopyOnWriteArrayList<>();
    try (FakeServer server = new FakeServer(serverTls(List.of("localhost", "*.vault.localhost"), sni))) {
      server.on("GET", "/keys/k1/", 200, "{\"key\":{}}");
      int port = server.port();
      CofferHttpClient client = CofferHttpClient.create("https://myvault.vault.localhost:" + port, List.of(caPem), log());

      HttpResult r = client.send("GET", client.url("/keys/k1/"), Auth.none(), null, null);

      assertThat(r.status()).isEqualTo(200);
      assertThat(server.single("GET", "/keys/k1/").header("Host")).isEqualTo("myvault.vault.localhost:" + port);
      assertThat(sni).containsOnly("myvault.vault.localhost");
    }
  }

  @Test
  void https_certificateNotNamingTheHost_refusedEvenThoughItCoversTheLoopbackAddress() throws Exception {
    try (FakeServer server = new FakeServer(serverTls(List.of("*.other.localhost"), new CopyOnWriteArrayList<>()))) {
      server.on("GET", "/keys", 200, "{\"value\":[]}");
      CofferHttpClient client = CofferHttpClient.create("https://myvault.vault.localhost:" + server.port(),
          List.of(caPem), log());

      assertThatThrownBy(() -> client.send("GET", client.url("/keys"), Auth.none(), null, null))
          .isInstanceOf(CliException.class)
          .hasMessageContaining("TLS connection to https://myvault.vault.localhost:" + server.port() + " failed");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void https_untrustedCa_refused() throws Exception {
    try (FakeServer server = new FakeServer(serverTls(List.of("*.vault.localhost"), new CopyOnWriteArrayList<>()))) {
      CofferHttpClient client = CofferHttpClient.create("https://myvault.vault.localhost:" + server.port(),
          List.of(), log());
      assertThatThrownBy(() -> client.send("GET", client.url("/keys"), Auth.none(), null, null))
          .isInstanceOf(CliException.class).hasMessageContaining("TLS connection");
    }
  }

  @Test
  void matches_wildcardCoversExactlyOneLabelAndNeverATopLevelName() {
    assertThat(HostBoundTrustManager.matches("*.vault.localhost", "myvault.vault.localhost")).isTrue();
    assertThat(HostBoundTrustManager.matches("*.VAULT.localhost", "MyVault.vault.localhost.")).isTrue();
    assertThat(HostBoundTrustManager.matches("*.vault.localhost", "a.b.vault.localhost")).isFalse();
    assertThat(HostBoundTrustManager.matches("*.vault.localhost", "vault.localhost")).isFalse();
    assertThat(HostBoundTrustManager.matches("*.localhost", "myvault.localhost")).isFalse();
    assertThat(HostBoundTrustManager.matches("my*.vault.localhost", "myvault.vault.localhost")).isFalse();
    assertThat(HostBoundTrustManager.matches("myvault.vault.localhost", "myvault.vault.localhost")).isTrue();
    assertThat(HostBoundTrustManager.matches("other.vault.localhost", "myvault.vault.localhost")).isFalse();
  }

  @Test
  void applies_onlyToNamesUnderLocalhost() {
    assertThat(LoopbackRoute.applies("myvault.vault.localhost")).isTrue();
    assertThat(LoopbackRoute.applies("a.LOCALHOST")).isTrue();
    assertThat(LoopbackRoute.applies("localhost")).isFalse();
    assertThat(LoopbackRoute.applies("127.0.0.1")).isFalse();
    assertThat(LoopbackRoute.applies("vault.example.com")).isFalse();
    assertThat(LoopbackRoute.applies("localhost.example.com")).isFalse();
  }

  /** A server certificate from the test CA (also naming 127.0.0.1), recording the SNI clients send. */
  private static SSLContext serverTls(List<String> dnsNames, List<String> sni) throws Exception {
    KeyPair pair = Certificates.rsa(2048);
    X509Certificate cert = Certificates.server(pair, ca, caKey, dnsNames, List.of("127.0.0.1"), Duration.ofDays(1));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", pair.getPrivate(), "pw".toCharArray(), new X509Certificate[] {cert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    X509ExtendedKeyManager keys = (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(new javax.net.ssl.KeyManager[] {new SniRecorder(keys, sni)}, null, null);
    return tls;
  }

  private static final class SniRecorder extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final List<String> sni;

    SniRecorder(X509ExtendedKeyManager delegate, List<String> sni) {
      this.delegate = delegate;
      this.sni = sni;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      if (engine.getHandshakeSession() instanceof ExtendedSSLSession s) {
        for (SNIServerName name : s.getRequestedServerNames()) {
          if (name instanceof SNIHostName host) sni.add(host.getAsciiName());
        }
      }
      return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }
}
