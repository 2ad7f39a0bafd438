package io.coffer.vault.http;

import io.coffer.vault.access.AccessDeniedException;
import io.coffer.vault.access.Caller;
import io.coffer.vault.access.VaultAuthorizer;
import io.coffer.vault.audit.AuditEvent;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.hsm.HardwareKeys;
import io.coffer.vault.hsm.HsmException;
import io.coffer.vault.keys.Curve;
import io.coffer.vault.keys.EncryptionAlgorithm;
import io.coffer.vault.keys.SignatureAlgorithm;
import io.coffer.vault.keys.crypto.KeyPairs;
import io.coffer.vault.keys.crypto.SoftwareCrypto;
import io.coffer.vault.vaults.AccessPolicy;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultDirectory;
import java.math.BigInteger;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Small in-memory stand-ins for the vault directory, authorizer, audit log and hardware token. */
final class TestDoubles {
  private TestDoubles() {}

  static final class Vaults implements VaultDirectory {
    private final Map<String, Vault> byName = new ConcurrentHashMap<>();

    Vault put(Vault v) {
      byName.put(v.name().toLowerCase(Locale.ROOT), v);
      return v;
    }

    @Override
    public Optional<Vault> activeByName(String name) {
      return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT))).filter(v -> !v.deleted());
    }

    @Override
    public Optional<String> nameOf(String vaultId) {
      return byName.values().stream().filter(v -> v.id().equals(vaultId)).map(Vault::name).findFirst();
    }

    static Vault vault(String name, Vault.Sku sku, boolean rbac, boolean purgeProtection, List<AccessPolicy> policies) {
      return new Vault(UUID.randomUUID().toString(), name, "sub-1", "rg1", "westeurope", TENANT, sku, rbac,
          purgeProtection, 7, policies, io.coffer.vault.vaults.NetworkRuleSet.OPEN, Map.of(), 0L, "admin", null);
    }
  }

  static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  /** Access policies as the vault says; RBAC vaults by a map of granted permissions; a firewall switch. */
  static final class Authorizer implements VaultAuthorizer {
    final Map<String, Set<KeyPermission>> roleGrants = new ConcurrentHashMap<>();
    volatile boolean firewallDenies;

    @Override
    public void authorize(Vault vault, Caller caller, KeyPermission operation, String keyName)
        throws AccessDeniedException {
      if (firewallDenies && !caller.trustedService()) {
        throw new AccessDeniedException(AccessDeniedException.Reason.FIREWALL,
            "Client address is not authorized and caller is not a trusted service. Client address: " + caller.clientIp());
      }
      boolean allowed = vault.rbacAuthorization()
          ? roleGrants.getOrDefault(caller.objectId(), Set.of()).contains(operation)
          : vault.accessPolicies().stream().anyMatch(p -> p.objectId().equals(caller.objectId())
              && p.keys().contains(operation));
      if (!allowed) {
        throw new AccessDeniedException(AccessDeniedException.Reason.NO_PERMISSION,
            "The user, group or application 'oid=" + caller.objectId() + "' does not have keys "
                + operation.wireName() + " permission on key vault '" + vault.name() + "'.");
      }
    }
  }

  static final class Audit implements AuditLog {
    final List<AuditEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean failing;

    @Override
    public void record(AuditEvent event) {
      if (failing) throw new IllegalStateException("audit store unavailable");
      events.add(event);
    }

    @Override
    public List<Entry> list(String vaultName, int limit) {
      List<Entry> out = new ArrayList<>();
      synchronized (events) {
        for (int i = 0; i < events.size(); i++) out.add(new Entry(i + 1, events.get(i), ""));
      }
      return out;
    }

    @Override
    public Verification verify() {
      return new Verification(true, events.size(), null, "ok");
    }

    List<AuditEvent> snapshot() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }
  }

  /** A JDK key pair per alias, in memory: stands in for the PKCS#11 token in these tests. */
  static final class MemoryHardwareKeys implements HardwareKeys {
    final Map<String, KeyPair> pairs = new ConcurrentHashMap<>();

    @Override
    public HsmKey generateRsa(int bits) {
      KeyPair pair = KeyPairs.rsa(bits, BigInteger.valueOf(65537));
      String alias = "hsm-" + UUID.randomUUID();
      pairs.put(alias, pair);
      return new HsmKey(alias, pair.getPublic());
    }

    @Override
    public HsmKey generateEc(String curve) {
      KeyPair pair = KeyPairs.ec(Arrays.stream(Curve.values()).filter(c -> c.jcaName().equals(curve)).findFirst()
          .orElseThrow());
      String alias = "hsm-" + UUID.randomUUID();
      pairs.put(alias, pair);
      return new HsmKey(alias, pair.getPublic());
    }

    @Override
    public HsmKey importKeyPair(KeyPair pair) {
      String alias = "hsm-" + UUID.randomUUID();
      pairs.put(alias, pair);
      return new HsmKey(alias, pair.getPublic());
    }

    @Override
    public byte[] decrypt(String alias, String algorithm, byte[] ciphertext) throws HsmException {
      try {
        return SoftwareCrypto.decrypt(pair(alias).getPrivate(), EncryptionAlgorithm.parse(algorithm).orElseThrow(),
            ciphertext);
      } catch (SoftwareCrypto.InvalidInputException e) {
        throw new HsmException("decryption failed", e);
      }
    }

    @Override
    public byte[] sign(String alias, String algorithm, byte[] digest) throws HsmException {
      return SoftwareCrypto.sign(pair(alias).getPrivate(), SignatureAlgorithm.parse(algorithm).orElseThrow(), digest);
    }

    @Override
    public void destroy(String alias) {
      pairs.remove(alias);
    }

    private KeyPair pair(String alias) throws HsmException {
      KeyPair p = pairs.get(alias);
      if (p == null) throw new HsmException("no key " + alias);
      return p;
    }
  }
}
