package io.coffer.server;

import io.coffer.common.PublicUrl;
import io.coffer.config.CofferConfig;
import io.coffer.config.HostPort;
import io.coffer.control.ControlComponents;
import io.coffer.control.application.RegistryIdentityTokenIssuer;
import io.coffer.identity.managed.IdentityTokens;
import io.coffer.identity.managed.ManagedIdentities;
import io.coffer.identity.managed.SqlManagedIdentities;
import io.coffer.registry.infrastructure.sql.SqlRegistrySettings;
import io.coffer.vault.kek.VaultKeyClient;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.registry.RegistryComponents;
import io.coffer.storage.blob.FileSystemBlobStore;
import io.coffer.storage.db.Database;
import io.coffer.identity.rbac.SqlRoleAssignments;
import io.coffer.vault.VaultComponents;
import io.coffer.vault.access.KeyVaultAuthorizer;
import io.coffer.vault.audit.SqlAuditLog;
import io.coffer.vault.hsm.HardwareKeys;
import io.coffer.vault.hsm.HsmException;
import io.coffer.vault.hsm.Pkcs11HardwareKeys;
import io.coffer.vault.keys.crypto.VaultRootKeys;
import io.coffer.vault.system.SystemKeyStore;
import io.coffer.vault.vaults.SqlVaults;
import io.coffer.vault.vaults.VaultAddresses;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The composition root of {@code coffer serve}: opens the stores and mounts every area on one HTTP server. */
public final class CofferServer implements AutoCloseable {
  private static final java.time.Duration VAULT_CALL_TIMEOUT = java.time.Duration.ofSeconds(30);
  private final Database db;
  private final RegistryComponents registry;
  private final Javalin app;
  private final BackgroundJobs jobs;
  private final String url;

  private CofferServer(Database db, RegistryComponents registry, Javalin app, BackgroundJobs jobs, String url) {
    this.db = db;
    this.registry = registry;
    this.app = app;
    this.jobs = jobs;
    this.url = url;
  }

  public static CofferServer start(CofferConfig config, Map<String, String> env, PrintStream out) throws Exception {
    Path dataDir = Path.of(config.dataDir).toAbsolutePath().normalize();
    if (!Files.exists(dataDir)) {
      // Metadata, sealed content and key stores: for the service account only.
      Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Clock clock = Clock.systemUTC();
    Database db = Database.open(dataDir, config.storage.jdbcUrl);
    try {
      var blobStore = new FileSystemBlobStore(dataDir.resolve("content"));
      var systemKeys = SystemKeyStore.open(dataDir.resolve("keys"));
      var tokens = TokenService.open(dataDir.resolve("keys"), "coffer");
      var users = new UserDirectory(db);
      AdminBootstrap.ensureAdmin(users, dataDir, env.get("COFFER_ADMIN_PASSWORD"), out);
      var publicUrl = new PublicUrl(config.server.publicUrl);

      HostPort listen = HostPort.parse(config.server.listen);
      AtomicInteger boundPort = new AtomicInteger(listen.port());
      VaultAddresses vaultAddresses = vaultAddresses(config, boundPort);
      TlsMaterial tls = config.server.tls
          ? TlsMaterial.load(dataDir.resolve("tls"), config.server.tlsCertificate, config.server.tlsPrivateKey,
              config.vault.domain)
          : null;
      var roleAssignments = new SqlRoleAssignments(db);
      // Registries reach customer keys as vault clients: over HTTP, with their identity's tokens.
      var vaultClient = new VaultKeyClient(vaultAddresses, VaultTrust.trustManager(dataDir.resolve("tls")),
          VAULT_CALL_TIMEOUT);
      var registryTokens = RegistryIdentityTokenIssuer.create(db,
          new ManagedIdentities(db, new SqlManagedIdentities(), roleAssignments, clock),
          new IdentityTokens(tokens, config.auth.accessTokenTtl));
      var registrySettings = new SqlRegistrySettings();
      var registry = new RegistryComponents(config, db, blobStore, systemKeys, users, tokens, publicUrl, clock,
          registrySettings, vaultClient, registryTokens);

      var vaultStore = new SqlVaults(db);
      var auditLog = new SqlAuditLog(db);
      var vaultKeys = new VaultComponents(db, vaultStore, new KeyVaultAuthorizer(roleAssignments), auditLog,
          hardwareKeys(config, dataDir, out), tokens, vaultAddresses,
          VaultRootKeys.open(dataDir.resolve("keys"), systemKeys), clock, publicUrl, config.vault.allowRsa15);
      var control = new ControlComponents(db, registry, systemKeys, tokens, users, publicUrl, vaultAddresses,
          vaultStore, roleAssignments, auditLog, List.of(vaultKeys.purgeHook()), config.auth.accessTokenTtl,
          registrySettings, registryTokens, clock);
      tokens.useTenant(control.controlPlane.ensureSubscription().tenantId());

      Javalin app = Javalin.create(cfg -> {
        cfg.showJavalinBanner = false;
        cfg.http.disableCompression();
        cfg.jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, listen, tls));
      });
      app.exception(Exception.class, (e, ctx) -> InternalErrors.write(ctx, e));
      vaultKeys.register(app); // first: it takes every request addressed to a vault host
      registry.register(app);
      control.register(app);
      BackgroundJobs jobs = new BackgroundJobs(config, registry, vaultKeys, control.vaults, tokens, clock);
      app.get("/healthz", ctx -> ctx.result("ok"));
      // Ready once the metadata store answers and the cipher is compiled: a load balancer would
      // otherwise send the first large blobs to a node running AES-GCM interpreted.
      app.get("/readyz", ctx -> {
        boolean ready = jobs.warmedUp() && db.healthy();
        ctx.status(ready ? 200 : 503).result(ready ? "ready" : jobs.warmedUp() ? "not ready" : "warming up");
      });
      new Metrics().register(app);
      app.start();

      int port = ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
      boundPort.set(port);
      String host = listen.host().equals("0.0.0.0") || listen.host().equals("::") ? "127.0.0.1" : listen.host();
      String url = (tls != null ? "https" : "http") + "://" + host + ":" + port;
      out.println("Coffer is listening on " + url + " (data in " + dataDir + ")");
      if (tls != null) out.println("Clients trust the CA in " + dataDir.resolve("tls").resolve("ca.pem"));
      out.flush();
      return new CofferServer(db, registry, app, jobs, url);
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  /**
   * Vaults are hosts under the vault domain, on the address clients use: the public URL's scheme
   * and port when one is configured, else this server's (the port once it listens, for port 0).
   */
  private static VaultAddresses vaultAddresses(CofferConfig config, AtomicInteger boundPort) {
    if (!config.server.publicUrl.isBlank()) {
      URI pub = URI.create(config.server.publicUrl.trim());
      int port = pub.getPort() != -1 ? pub.getPort() : pub.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      return new VaultAddresses(config.vault.domain, pub.getScheme().toLowerCase(Locale.ROOT), port);
    }
    return new VaultAddresses(config.vault.domain, config.server.tls ? "https" : "http", boundPort::get);
  }

  /** The PKCS#11 token of RSA-HSM keys; without one the vault refuses RSA-HSM keys and says why. */
  private static HardwareKeys hardwareKeys(CofferConfig config, Path dataDir, PrintStream out) {
    try {
      return Pkcs11HardwareKeys.open(config.vault, dataDir);
    } catch (HsmException e) {
      out.println("RSA-HSM keys are unavailable: " + e.getMessage());
      return null;
    }
  }

  private static ServerConnector connector(org.eclipse.jetty.server.Server server, HttpConfiguration httpConfig,
      HostPort listen, TlsMaterial tls) {
    // Jetty matches each header line against a per-connection cache of lines it has seen,
    // character by character: with bearer tokens of a kilobyte on every call that costs more than
    // parsing the lines. Without the cache every line is parsed (the well-known names still are
    // matched against Jetty's static table).
    httpConfig.setHeaderCacheSize(0);
    ServerConnector connector;
    if (tls == null) {
      connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tls.keyStore);
      ssl.setKeyStorePassword(new String(tls.password));
      HttpConfiguration https = new HttpConfiguration(httpConfig);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Clients may reach the server by any name (IP, vault host names); the certificate is checked by them.
      secure.setSniHostCheck(false);
      https.addCustomizer(secure);
      connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
    }
    connector.setHost(listen.host());
    connector.setPort(listen.port());
    return connector;
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    jobs.close();
    app.stop();
    registry.close();
    db.close();
  }
}
