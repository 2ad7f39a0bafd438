package io.coffer.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.identity.TokenService;
import io.coffer.storage.db.Database;
import io.coffer.storage.db.Sql;
import io.coffer.vault.VaultComponents;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.audit.SqlAuditLog;
import io.coffer.vault.keys.application.KeyScheduler;
import io.coffer.vault.keys.crypto.SoftwareKeys;
import io.coffer.vault.keys.crypto.VaultRootKeys;
import io.coffer.vault.system.SystemKeyStore;
import io.coffer.vault.vaults.NetworkRuleSet;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultAddresses;
import io.coffer.vault.vaults.VaultDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled step (policy rotation, scheduled purge) and how software keys are kept at rest. */
class KeyLifecycleTest {
  @TempDir Path dir;
  Database db;
  VaultRootKeys rootKeys;
  VaultComponents components;
  AuditLog audit;
  static final Map<String, Vault> VAULTS = new ConcurrentHashMap<>();
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir, null);
    rootKeys = VaultRootKeys.open(dir.resolve("keys"), SystemKeyStore.open(dir.resolve("keys")));
    audit = new SqlAuditLog(db);
    VaultDirectory directory = new VaultDirectory() {
      @Override
      public Optional<Vault> activeByName(String name) {
        return Optional.empty();
      }

      @Override
      public Optional<String> nameOf(String vaultId) {
        return Optional.ofNullable(VAULTS.get(vaultId)).map(Vault::name);
      }
    };
    components = new VaultComponents(db, directory, (v, c, p, k) -> { }, audit, null,
        TokenService.open(dir.resolve("keys"), "coffer"), new VaultAddresses("vault.localhost", "https", 443),
        rootKeys, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Vault vault(boolean purgeProtection) {
    Vault v = new Vault(UUID.randomUUID().toString(), "v" + UUID.randomUUID().toString().substring(0, 8), "s", "g",
        "westeurope", "t", Vault.Sku.STANDARD, false, purgeProtection, 7, List.of(), NetworkRuleSet.OPEN, Map.of(),
        0L, "admin", null);
    VAULTS.put(v.id(), v);
    return v;
  }

  /** The vault's audit entries of scheduled work, as operation, key version and result. */
  List<String> scheduledAudit(Vault v) {
    return audit.list(v.name(), 100).stream().map(AuditLog.Entry::event)
        .filter(e -> KeyScheduler.CALLER.equals(e.callerObjectId()))
        .map(e -> e.operation() + " " + e.keyName() + "/" + e.keyVersion() + " " + e.result()).toList();
  }

  static KeySpec rsa(Instant expires) {
    return new KeySpec(KeyType.RSA, 2048, null, KeyOperation.RSA_DEFAULT, true, null, expires, Map.of("t", "1"));
  }

  static RotationPolicy rotateAfter(String after, String expiry) {
    return new RotationPolicy(List.of(new RotationPolicy.LifetimeAction(RotationPolicy.ActionType.ROTATE,
        IsoPeriod.parse(after), null)), expiry == null ? null : IsoPeriod.parse(expiry), null, null);
  }

  @Test
  void scheduledWork_timeAfterCreate_rotatesOnceDue_newVersionGetsExpiryTime() {
    Vault v = vault(false);
    KeyVersion first = components.keys.create(v, "auto", rsa(null));
    components.keys.setRotationPolicy(v, "auto", rotateAfter("P30D", "P90D"));
    Instant t0 = clock.now;

    assertThat(components.runScheduledWork(t0.plus(Duration.ofDays(29))).rotated()).isZero();
    assertThat(components.keys.get(v, "auto", null).version()).isEqualTo(first.version());

    Instant due = t0.plus(Duration.ofDays(31));
    assertThat(components.runScheduledWork(due).rotated()).isEqualTo(1);
    KeyVersion second = components.keys.get(v, "auto", null);
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(second.attributes().created()).isEqualTo(due);
    assertThat(second.attributes().expires()).isEqualTo(due.plus(Duration.ofDays(90)));
    assertThat(second.operations()).isEqualTo(first.operations());
    assertThat(second.tags()).isEqualTo(first.tags());
    // the new version is not due again until 30 days after its own creation
    assertThat(components.runScheduledWork(due.plus(Duration.ofDays(1))).rotated()).isZero();
    assertThat(scheduledAudit(v)).containsExactly("KeyRotate auto/" + second.version() + " 200");
  }

  @Test
  void scheduledWork_timeBeforeExpiry_rotatesKeysNearTheirExp() {
    Vault v = vault(false);
    KeyVersion first = components.keys.create(v, "expiring", rsa(clock.now.plus(Duration.ofDays(40))));
    components.keys.setRotationPolicy(v, "expiring", new RotationPolicy(List.of(new RotationPolicy.LifetimeAction(
        RotationPolicy.ActionType.ROTATE, null, IsoPeriod.parse("P30D"))), null, null, null));
    components.keys.create(v, "no-exp", rsa(null));
    components.keys.setRotationPolicy(v, "no-exp", new RotationPolicy(List.of(new RotationPolicy.LifetimeAction(
        RotationPolicy.ActionType.ROTATE, null, IsoPeriod.parse("P30D"))), null, null, null));

    assertThat(components.runScheduledWork(clock.now.plus(Duration.ofDays(9))).rotated()).isZero();
    assertThat(components.runScheduledWork(clock.now.plus(Duration.ofDays(11))).rotated()).isEqualTo(1);
    assertThat(components.keys.get(v, "expiring", null).version()).isNotEqualTo(first.version());
  }

  @Test
  void scheduledWork_purgesDeletedKeysAfterTheirDate_evenUnderPurgeProtection() {
    Vault v = vault(true);
    components.keys.create(v, "gone", rsa(null));
    DeletedKey d = components.keys.delete(v, "gone");
    assertThat(d.scheduledPurgeAt()).isEqualTo(clock.now.plus(Duration.ofDays(7)));
    assertThat(components.runScheduledWork(clock.now.plus(Duration.ofDays(6))).purged()).isZero();
    assertThat(components.keys.getDeleted(v, "gone")).isNotNull();
    assertThat(components.runScheduledWork(clock.now.plus(Duration.ofDays(7))).purged()).isEqualTo(1);
    assertThat(scheduledAudit(v)).containsExactly("KeyPurge gone/" + d.latest().version() + " 200");
    assertThatThrownBy(() -> components.keys.getDeleted(v, "gone")).isInstanceOf(KeyException.class)
        .extracting(e -> ((KeyException) e).kind()).isEqualTo(KeyException.Kind.NOT_FOUND);
    assertThat(components.keys.create(v, "gone", rsa(null))).isNotNull();
  }

  @Test
  void softwareKeys_atRest_onlySealedUnderOwnerOnlyRootKey() throws Exception {
    Vault v = vault(false);
    KeyVersion k = components.keys.create(v, "sealed", rsa(null));
    byte[] sealed = ((KeyMaterial.Sealed) k.material()).ciphertext();
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) new SoftwareKeys(rootKeys).open(v.id(), "sealed", k.version(),
        KeyType.RSA, sealed);
    byte[] pkcs8 = priv.getEncoded();
    byte[] d = priv.getPrivateExponent().toByteArray();
    byte[] p = priv.getPrimeP().toByteArray();
    db.close();
    for (Path f : Files.walk(dir).filter(Files::isRegularFile).toList()) {
      String hex = HexFormat.of().formatHex(Files.readAllBytes(f));
      for (byte[] secret : List.of(pkcs8, d, p)) {
        assertThat(hex).as(f.toString()).doesNotContain(HexFormat.of().formatHex(secret, 0, 64));
      }
    }
    Path root = dir.resolve("keys/vaults/" + v.id() + ".root");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rw-------");
    assertThat(Files.readString(root)).contains("\"kek\":\"coffer:system/keys/service-managed/");
    db = Database.open(dir, null);
  }

  @Test
  void sealedKey_boundToVaultNameAndVersion() {
    Vault v = vault(false);
    KeyVersion a = components.keys.create(v, "bound", rsa(null));
    KeyVersion b = components.keys.create(v, "bound", rsa(null));
    byte[] sealedA = ((KeyMaterial.Sealed) a.material()).ciphertext();
    SoftwareKeys fresh = new SoftwareKeys(rootKeys);
    assertThat(fresh.open(v.id(), "bound", a.version(), KeyType.RSA, sealedA)).isNotNull();
    assertThatThrownBy(() -> new SoftwareKeys(rootKeys).open(v.id(), "bound", b.version(), KeyType.RSA, sealedA))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SoftwareKeys(rootKeys).open(v.id(), "other", a.version(), KeyType.RSA, sealedA))
        .isInstanceOf(IllegalStateException.class);
    // a sealed key copied into another version's row does not open there
    db.inTransaction(c -> Sql.update(c, "UPDATE vault_key_versions SET sealed_private_key = ? WHERE version = ?",
        sealedA, b.version()));
    assertThatThrownBy(() -> components.cryptography.decrypt(v, "bound", b.version(), KeyOperation.UNWRAP_KEY,
        EncryptionAlgorithm.RSA_OAEP, new byte[256])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void vaultPurge_removesKeysAndRootKey() throws Exception {
    Vault v = vault(false);
    components.keys.create(v, "one", rsa(null));
    components.keys.create(v, "two", rsa(null));
    Path root = dir.resolve("keys/vaults/" + v.id() + ".root");
    assertThat(root).exists();
    db.inTransaction(c -> {
      components.purgeHook().purging(c, v);
      return null;
    });
    assertThat(root).doesNotExist();
    long versions = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM vault_key_versions WHERE vault_id = ?", v.id()));
    assertThat(versions).isZero();
    assertThatThrownBy(() -> components.keys.get(v, "one", null)).isInstanceOf(KeyException.class);
  }

  @Test
  void isoPeriod_calendarAndTimeParts() {
    Instant t = Instant.parse("2030-01-31T00:00:00Z");
    assertThat(IsoPeriod.parse("P1M").after(t)).isEqualTo(Instant.parse("2030-02-28T00:00:00Z"));
    assertThat(IsoPeriod.parse("P1DT12H").after(t)).isEqualTo(Instant.parse("2030-02-01T12:00:00Z"));
    assertThat(IsoPeriod.parse("P2Y").before(t)).isEqualTo(Instant.parse("2028-01-31T00:00:00Z"));
    for (String bad : List.of("", "P", "PT", "30D", "P-1D", "P0D", "soon")) {
      assertThatThrownBy(() -> IsoPeriod.parse(bad)).as(bad).isInstanceOf(KeyException.class);
    }
  }
}
