package io.coffer.vault.http;

import io.coffer.common.crypto.Certificates;
import io.coffer.identity.Principal;
import io.coffer.identity.TokenService;
import io.coffer.storage.db.Database;
import io.coffer.vault.VaultComponents;
import io.coffer.vault.keys.crypto.VaultRootKeys;
import io.coffer.vault.system.SystemKeyStore;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultAddresses;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS Javalin server on 127.0.0.1 and a free port with the vault data plane mounted, a CA
 * and server certificate made for the test, a real token service and in-memory stand-ins for the
 * vault directory, authorizer, audit log and hardware token. Vault hosts resolve to 127.0.0.1
 * through the hosts file surefire names in {@code -Djdk.net.hosts.file}.
 */
final class VaultServer implements AutoCloseable {
  static final String RESOURCE = "https://vault.localhost";
  final Path dir;
  final Database db;
  final TokenService tokens;
  final TestDoubles.Vaults vaults = new TestDoubles.Vaults();
  final TestDoubles.Authorizer authorizer = new TestDoubles.Authorizer();
  final TestDoubles.Audit audit = new TestDoubles.Audit();
  final TestDoubles.MemoryHardwareKeys hsm = new TestDoubles.MemoryHardwareKeys();
  final X509Certificate ca;
  final Javalin app;
  final int port;
  final VaultComponents components;
  final VaultRootKeys rootKeys;
  final Principal user = Principal.user("11111111-2222-3333-4444-555555555555", "alice", false);
  final Principal stranger = Principal.user("99999999-2222-3333-4444-555555555555", "mallory", false);

  VaultServer(Path dir) throws Exception {
    this.dir = dir;
    this.db = Database.open(dir, null);
    this.tokens = TokenService.open(dir.resolve("keys"), "coffer");
    KeyPair caPair = Certificates.rsa(2048);
    this.ca = Certificates.authority(caPair, "CN=Vault test CA", Duration.ofDays(1));
    KeyPair serverPair = Certificates.rsa(2048);
    X509Certificate cert = Certificates.server(serverPair, ca, caPair.getPrivate(),
        List.of("localhost", "*.vault.localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", serverPair.getPrivate(), "pw".toCharArray(), new Certificate[] {cert, ca});
    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.jetty.addConnector((server, httpConfig) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(ks);
        ssl.setKeyStorePassword("pw");
        HttpConfiguration https = new HttpConfiguration(httpConfig);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        c.setHost("127.0.0.1");
        c.setPort(0);
        return c;
      });
    });
    // Other areas' routes and 404 handling, which vault hosts must never reach.
    app.get("/keys", ctx -> ctx.result("other area"));
    app.error(404, ctx -> ctx.result("other area's not found"));
    app.start();
    port = ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    SystemKeyStore systemKeys = SystemKeyStore.open(dir.resolve("keys"));
    rootKeys = VaultRootKeys.open(dir.resolve("keys"), systemKeys);
    components = new VaultComponents(db, vaults, authorizer, audit, hsm, tokens,
        new VaultAddresses("vault.localhost", "https", port), rootKeys, Clock.systemUTC());
    components.register(app);
  }

  Vault addVault(String name, Vault.Sku sku, boolean purgeProtection) {
    return vaults.put(TestDoubles.Vaults.vault(name, sku, false, purgeProtection,
        List.of(new AccessPolicy(TestDoubles.TENANT, user.id(), EnumSet.allOf(KeyPermission.class)))));
  }

  String vaultUrl(String name) {
    return "https://" + name + ".vault.localhost:" + port;
  }

  String token(Principal p) {
    return tokens.issue(p, RESOURCE, "access", Duration.ofHours(1), List.of());
  }

  SSLContext sslContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** A raw HTTPS exchange; {@code token} may be null, {@code body} may be null. */
  HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(sslContext()).build();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    if (token != null) b.header("Authorization", "Bearer " + token);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One request written byte for byte over TLS to 127.0.0.1, for what {@link #send} cannot say
   * (any Host header); it should ask for {@code Connection: close}. Returns the whole answer.
   */
  String rawExchange(String request) throws Exception {
    try (var socket = sslContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    app.stop();
    db.close();
  }
}
