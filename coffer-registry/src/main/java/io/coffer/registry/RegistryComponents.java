package io.coffer.registry;

import io.coffer.common.PublicUrl;
import io.coffer.config.CofferConfig;
import io.coffer.identity.TokenService;
import io.coffer.identity.UserDirectory;
import io.coffer.registry.application.BlobService;
import io.coffer.registry.application.CatalogService;
import io.coffer.registry.application.ContentLocks;
import io.coffer.registry.application.GarbageCollector;
import io.coffer.registry.application.ManifestService;
import io.coffer.registry.application.RegistryAccess;
import io.coffer.registry.application.RegistryAdministration;
import io.coffer.registry.application.RegistryFirewall;
import io.coffer.registry.application.RetentionJob;
import io.coffer.registry.domain.RegistrySettingsStore;
import io.coffer.registry.application.UploadService;
import io.coffer.registry.encryption.CustomerKeyEncryption;
import io.coffer.registry.encryption.DataKeys;
import io.coffer.registry.encryption.KeyEncryptionKeys;
import io.coffer.registry.encryption.RegistryIdentityTokens;
import io.coffer.registry.encryption.SealedStore;
import io.coffer.registry.infrastructure.http.OciRoutes;
import io.coffer.registry.infrastructure.http.RegistryAuthenticator;
import io.coffer.registry.infrastructure.http.TokenEndpoint;
import io.coffer.registry.infrastructure.sql.SqlBlobs;
import io.coffer.registry.infrastructure.sql.SqlManifests;
import io.coffer.registry.infrastructure.sql.SqlRegistries;
import io.coffer.registry.infrastructure.sql.SqlRepositories;
import io.coffer.registry.infrastructure.sql.SqlRetention;
import io.coffer.registry.infrastructure.sql.SqlUploads;
import io.coffer.storage.blob.BlobStore;
import io.coffer.storage.db.Database;
import io.coffer.vault.kek.KeyEncryptionKeyResolver;
import io.coffer.vault.kek.VaultKeyClient;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the registry area: stores, encryption, services and HTTP routes. No container, just constructors. */
public final class RegistryComponents implements AutoCloseable {
  public final DataKeys dataKeys;
  public final RegistryAdministration administration;
  /** Customer-managed keys; the server runs {@code encryption.pollRotations()} on a schedule. */
  public final CustomerKeyEncryption encryption;
  public final GarbageCollector garbageCollector;
  public final RegistryAuthenticator authenticator;
  /** Network rules per registry; {@code forget(registryId)} after a change makes it apply at once. */
  public final RegistryFirewall firewall;
  /** Retention policies; the server runs {@code retention.run()} on a schedule. */
  public final RetentionJob retention;
  /** How long a registry's network rules are used before being read again (changes made elsewhere). */
  public static final Duration FIREWALL_RULES_TTL = Duration.ofSeconds(5);
  private final OciRoutes routes;
  private final TokenEndpoint tokenEndpoint;
  // Second threads of overlapped copies (hash while sealing, decrypt while sending).
  private final ExecutorService io = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "coffer-io");
    t.setDaemon(true);
    return t;
  });

  public RegistryComponents(CofferConfig config, Database db, BlobStore blobStore, KeyEncryptionKeyResolver keks,
      UserDirectory users, TokenService tokens, PublicUrl publicUrl, Clock clock, RegistrySettingsStore settings,
      VaultKeyClient vaultKeys, RegistryIdentityTokens identityTokens) {
    SqlRegistries registries = new SqlRegistries(db);
    SqlRepositories repositories = new SqlRepositories();
    SqlBlobs blobs = new SqlBlobs();
    SqlManifests manifests = new SqlManifests();
    SqlUploads uploads = new SqlUploads();
    ContentLocks locks = new ContentLocks();
    KeyEncryptionKeys kekResolver = new KeyEncryptionKeys(keks, vaultKeys, identityTokens);
    this.dataKeys = new DataKeys(db, kekResolver, config.encryption.keyCacheTtl, config.encryption.segmentSize, clock);
    this.encryption = new CustomerKeyEncryption(db, kekResolver, dataKeys, clock);
    SealedStore sealed = new SealedStore(blobStore, dataKeys);
    BlobService blobService = new BlobService(db, repositories, blobs, sealed, clock);
    UploadService uploadService = new UploadService(db, repositories, blobs, uploads, sealed, locks, clock,
        config.registry.maxOpenUploads, io);
    ManifestService manifestService = new ManifestService(db, repositories, blobs, manifests, sealed, locks, clock,
        settings);
    CatalogService catalog = new CatalogService(db, repositories, manifests);
    this.administration = new RegistryAdministration(db, dataKeys, sealed, encryption);
    this.garbageCollector = new GarbageCollector(db, blobs, uploads, sealed, uploadService, locks, clock,
        config.gc.gracePeriod, config.registry.uploadExpiry);
    this.firewall = new RegistryFirewall(db, settings, clock, FIREWALL_RULES_TTL);
    this.retention = new RetentionJob(db, settings, new SqlRetention(), manifests, clock);
    RegistryAccess access = new RegistryAccess();
    this.authenticator = new RegistryAuthenticator(users, registries, tokens);
    this.routes = new OciRoutes(publicUrl, authenticator, access, registries, firewall, blobService, uploadService,
        manifestService, catalog, config.registry.maxPageSize, io);
    this.tokenEndpoint = new TokenEndpoint(authenticator, tokens, users, registries, access,
        config.auth.registryTokenTtl, config.auth.accessTokenTtl, config.auth.refreshTokenTtl);
  }

  public void register(Javalin app) {
    routes.register(app);
    tokenEndpoint.register(app);
  }

  @Override
  public void close() {
    io.shutdownNow();
  }
}
