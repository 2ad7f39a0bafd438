package io.coffer.vault.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceModifiedException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.PagedResponse;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.KeyServiceVersion;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyServiceVersion;
import com.azure.security.keyvault.keys.cryptography.models.EncryptionAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.DeletedKey;
import com.azure.security.keyvault.keys.models.ImportKeyOptions;
import com.azure.security.keyvault.keys.models.JsonWebKey;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyProperties;
import com.azure.security.keyvault.keys.models.KeyRotationLifetimeAction;
import com.azure.security.keyvault.keys.models.KeyRotationPolicy;
import com.azure.security.keyvault.keys.models.KeyRotationPolicyAction;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import io.coffer.identity.Principal;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

/**
 * The official Azure SDK (KeyClient, CryptographyClient), unchanged, against the vault over
 * HTTPS: challenge with resource verification on, keys, versions, crypto, soft delete, rotation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkCompatibilityTest {
  @TempDir static java.nio.file.Path dir;
  static VaultServer server;
  static HttpClient http;
  static final List<TokenRequestContext> requests = new CopyOnWriteArrayList<>();
  static TokenCredential credential;
  static KeyClient keys;

  @BeforeAll
  static void start() throws Exception {
    server = new VaultServer(dir);
    server.addVault("vault1", Vault.Sku.STANDARD, false);
    server.addVault("vault2", Vault.Sku.STANDARD, false);
    server.addVault("protected1", Vault.Sku.PREMIUM, true);
    var ssl = SslContextBuilder.forClient().trustManager(server.ca).build();
    http = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
        .secure(spec -> spec.sslContext(ssl))).build();
    credential = credentialFor(server.user);
    keys = client("vault1", KeyServiceVersion.getLatest());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TokenCredential credentialFor(Principal p) {
    return ctx -> {
      requests.add(ctx);
      return Mono.just(new AccessToken(server.token(p), OffsetDateTime.now().plusHours(1)));
    };
  }

  static KeyClient client(String vault, KeyServiceVersion version) {
    return client(vault, version, credential);
  }

  static KeyClient client(String vault, KeyServiceVersion version, TokenCredential cred) {
    return new KeyClientBuilder().vaultUrl(server.vaultUrl(vault)).credential(cred).httpClient(http)
        .serviceVersion(version).retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))))
        .buildClient();
  }

  static CryptographyClient crypto(String kid) {
    return crypto(kid, CryptographyServiceVersion.getLatest(), false);
  }

  static CryptographyClient crypto(String kid, CryptographyServiceVersion version, boolean noCache) {
    CryptographyClientBuilder b = new CryptographyClientBuilder().keyIdentifier(kid).credential(credential)
        .httpClient(http).serviceVersion(version)
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
    if (noCache) b.disableKeyCaching();
    return b.buildClient();
  }

  static OffsetDateTime inDays(int days) {
    return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).truncatedTo(ChronoUnit.SECONDS);
  }

  @Test
  @Order(1)
  void challenge_resourceVerificationOn_tokenForVaultResourceAndTenant_bodyResentIntact() {
    KeyVaultKey key = keys.createRsaKey(new CreateRsaKeyOptions("first").setKeySize(3072)
        .setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY).setTags(Map.of("purpose", "cmk")));
    assertThat(requests).isNotEmpty();
    assertThat(requests.get(0).getScopes()).containsExactly("https://vault.localhost/.default");
    assertThat(requests.get(0).getTenantId()).isEqualTo(TestDoubles.TENANT);
    assertThat(key.getKey().getN()).hasSize(384);
    assertThat(key.getKeyOperations()).containsExactly(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY);
    assertThat(key.getProperties().getTags()).containsEntry("purpose", "cmk");
  }

  @Test
  @Order(2)
  void create_rsaSizesEcCurvesAndDefaults_getByNameAndVersion() {
    for (int size : List.of(2048, 3072, 4096)) {
      KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("rsa" + size).setKeySize(size)
          .setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY, KeyOperation.ENCRYPT, KeyOperation.DECRYPT)
          .setTags(Map.of("size", "" + size)));
      assertThat(k.getKeyType()).isEqualTo(KeyType.RSA);
      assertThat(k.getKey().getN()).hasSize(size / 8);
      assertThat(k.getId()).isEqualTo(server.vaultUrl("vault1") + "/keys/rsa" + size + "/" + k.getProperties().getVersion());
      assertThat(keys.getKey("rsa" + size).getId()).isEqualTo(k.getId());
      assertThat(keys.getKey("rsa" + size, k.getProperties().getVersion()).getKey().getN()).isEqualTo(k.getKey().getN());
    }
    for (KeyCurveName curve : List.of(KeyCurveName.P_256, KeyCurveName.P_384, KeyCurveName.P_521)) {
      KeyVaultKey ec = keys.createEcKey(new CreateEcKeyOptions("ec-" + curve.toString().toLowerCase()).setCurveName(curve));
      assertThat(ec.getKeyType()).isEqualTo(KeyType.EC);
      assertThat(ec.getKey().getCurveName()).isEqualTo(curve);
    }
    KeyVaultKey plain = keys.createKey("plain", KeyType.RSA);
    assertThat(plain.getKeyOperations()).hasSize(6);
    assertThat(plain.getProperties().isEnabled()).isTrue();
    assertThat(plain.getProperties().getRecoveryLevel()).isEqualTo("CustomizedRecoverable+Purgeable");
    assertThat(plain.getProperties().getRecoverableDays()).isEqualTo(7);
    assertThatThrownBy(() -> keys.getKey("missing")).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("KeyNotFound");
  }

  @Test
  @Order(2)
  void create_rsaHsmOnPremiumVault_isHardwareKeyThatUnwraps() {
    KeyClient premium = client("protected1", KeyServiceVersion.getLatest());
    KeyVaultKey k = premium.createRsaKey(new CreateRsaKeyOptions("hsm").setHardwareProtected(true));
    assertThat(k.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    CryptographyClient c = crypto(k.getId());
    byte[] dek = new byte[32];
    dek[0] = 42;
    byte[] wrapped = c.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey();
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(dek);
    assertThatThrownBy(() -> keys.createRsaKey(new CreateRsaKeyOptions("hsm").setHardwareProtected(true)))
        .isInstanceOf(ResourceModifiedException.class); // 400 on create: standard vault
  }

  @Test
  @Order(2)
  void list_keysAcrossPages_andVersions() {
    KeyClient v2 = client("vault2", KeyServiceVersion.getLatest());
    for (int i = 0; i < 27; i++) v2.createEcKey(new CreateEcKeyOptions(String.format("many-%02d", i)));
    List<String> names = new ArrayList<>();
    v2.listPropertiesOfKeys().forEach(p -> names.add(p.getName()));
    assertThat(names).hasSize(27).first().isEqualTo("many-00");
    int pages = 0;
    for (PagedResponse<KeyProperties> page : v2.listPropertiesOfKeys().iterableByPage()) pages++;
    assertThat(pages).isEqualTo(2);

    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 3; i++) versions.add(v2.createEcKey(new CreateEcKeyOptions("versioned")).getProperties().getVersion());
    List<String> listed = new ArrayList<>();
    v2.listPropertiesOfKeyVersions("versioned").forEach(p -> listed.add(p.getVersion()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(versions);
    assertThat(v2.getKey("versioned").getProperties().getVersion()).isEqualTo(versions.get(2));
  }

  @Test
  @Order(2)
  void update_disableAndExpiry_keepsOperations_thenSetsOperations() {
    KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("updated")
        .setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY));
    OffsetDateTime exp = inDays(30);
    KeyVaultKey disabled = keys.updateKeyProperties(k.getProperties().setEnabled(false).setExpiresOn(exp));
    assertThat(disabled.getProperties().isEnabled()).isFalse();
    assertThat(disabled.getProperties().getExpiresOn()).isEqualTo(exp);
    assertThat(disabled.getKeyOperations()).containsExactly(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY);
    KeyVaultKey ops = keys.updateKeyProperties(disabled.getProperties().setEnabled(true), KeyOperation.ENCRYPT,
        KeyOperation.DECRYPT);
    assertThat(ops.getKeyOperations()).containsExactly(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);
    KeyProperties listed = null;
    for (KeyProperties p : keys.listPropertiesOfKeys()) if (p.getName().equals("updated")) listed = p;
    assertThat(listed.getVersion()).isNull();
    KeyVaultKey viaListed = keys.updateKeyProperties(listed.setTags(Map.of("env", "prod")));
    assertThat(viaListed.getProperties().getTags()).containsEntry("env", "prod");
    assertThat(viaListed.getKeyOperations()).containsExactly(KeyOperation.ENCRYPT, KeyOperation.DECRYPT);
  }

  @Test
  @Order(2)
  void wrapUnwrap_allAlgorithms_cachedAndServerSide_versionedAndVersionless() {
    KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("wrapper").setKeySize(2048));
    byte[] dek = "0123456789abcdef0123456789abcdef".getBytes();
    List<CryptographyClient> clients = List.of(crypto(k.getId()),
        crypto(k.getId(), CryptographyServiceVersion.getLatest(), true), keys.getCryptographyClient("wrapper"));
    for (CryptographyClient c : clients) {
      for (KeyWrapAlgorithm alg : List.of(KeyWrapAlgorithm.RSA_OAEP, KeyWrapAlgorithm.RSA_OAEP_256, KeyWrapAlgorithm.RSA1_5)) {
        var wrapped = c.wrapKey(alg, dek);
        assertThat(wrapped.getKeyId()).isEqualTo(k.getId());
        assertThat(c.unwrapKey(alg, wrapped.getEncryptedKey()).getKey()).as(alg.toString()).isEqualTo(dek);
      }
      for (EncryptionAlgorithm alg : List.of(EncryptionAlgorithm.RSA_OAEP, EncryptionAlgorithm.RSA_OAEP_256,
          EncryptionAlgorithm.RSA1_5)) {
        byte[] ct = c.encrypt(alg, dek).getCipherText();
        assertThat(c.decrypt(alg, ct).getPlainText()).isEqualTo(dek);
      }
    }
    byte[] digest = sha256("signed");
    CryptographyClient server = crypto(k.getId(), CryptographyServiceVersion.getLatest(), true);
    byte[] sig = server.sign(SignatureAlgorithm.PS256, digest).getSignature();
    assertThat(server.verify(SignatureAlgorithm.PS256, digest, sig).isValid()).isTrue();
  }

  @Test
  @Order(2)
  void interop_localJceEncrypt_serverUnwraps_allThreeAlgorithms() throws Exception {
    KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("interop").setKeySize(3072));
    PublicKey pub = keys.getKey("interop").getKey().toRsa().getPublic();
    byte[] dek = "fedcba9876543210fedcba9876543210".getBytes();
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    oaep.init(Cipher.ENCRYPT_MODE, pub);
    Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep256.init(Cipher.ENCRYPT_MODE, pub,
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    pkcs1.init(Cipher.ENCRYPT_MODE, pub);
    CryptographyClient c = crypto(k.getId());
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP, oaep.doFinal(dek)).getKey()).isEqualTo(dek);
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, oaep256.doFinal(dek)).getKey()).isEqualTo(dek);
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA1_5, pkcs1.doFinal(dek)).getKey()).isEqualTo(dek);
  }

  @Test
  @Order(2)
  void crypto_disabledVersionRefused_expiredVersionStillUnwraps() {
    KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("lifecycle"));
    CryptographyClient c = crypto(k.getId(), CryptographyServiceVersion.getLatest(), true);
    byte[] wrapped = c.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, new byte[32]).getEncryptedKey();
    keys.updateKeyProperties(k.getProperties().setExpiresOn(OffsetDateTime.now().minusHours(1)));
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(new byte[32]);
    keys.updateKeyProperties(keys.getKey("lifecycle").getProperties().setEnabled(false));
    assertThatThrownBy(() -> c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
  }

  @Test
  @Order(2)
  void forbiddenPrincipal_403() {
    keys.createRsaKey(new CreateRsaKeyOptions("private"));
    KeyClient stranger = client("vault1", KeyServiceVersion.getLatest(), credentialFor(server.stranger));
    assertThatThrownBy(() -> stranger.getKey("private")).isInstanceOfSatisfying(ResourceModifiedException.class,
        e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403)).hasMessageContaining("Forbidden");
    assertThatThrownBy(() -> stranger.beginDeleteKey("private").waitForCompletion())
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThatThrownBy(() -> stranger.listPropertiesOfKeys().forEach(p -> { }))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThat(keys.getKey("private").getProperties().isEnabled()).isTrue();
  }

  @Test
  @Order(2)
  void crypto_principalWithoutGetPermission_stillWrapsAndUnwrapsOnTheServer() {
    server.vaults.put(TestDoubles.Vaults.vault("rbac1", Vault.Sku.STANDARD, true, false, List.of()));
    server.authorizer.roleGrants.put(server.user.id(),
        java.util.Set.of(KeyPermission.CREATE, KeyPermission.WRAP_KEY, KeyPermission.UNWRAP_KEY));
    KeyVaultKey k = client("rbac1", KeyServiceVersion.getLatest()).createRsaKey(new CreateRsaKeyOptions("wrap-only"));
    CryptographyClient c = crypto(k.getId());
    byte[] dek = new byte[32];
    dek[7] = 7;
    byte[] wrapped = c.wrapKey(KeyWrapAlgorithm.RSA_OAEP, dek).getEncryptedKey();
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP, wrapped).getKey()).isEqualTo(dek);
    assertThat(server.audit.snapshot()).anySatisfy(e -> assertThat(e.operation() + " " + e.keyName() + " " + e.result())
        .isEqualTo("KeyGet wrap-only 403 Forbidden"));
  }

  @Test
  @Order(2)
  void softDelete_conflictRecoverPurge() {
    KeyVaultKey k = keys.createRsaKey(new CreateRsaKeyOptions("doomed"));
    byte[] wrapped = crypto(k.getId()).wrapKey(KeyWrapAlgorithm.RSA_OAEP, new byte[16]).getEncryptedKey();
    var poller = keys.beginDeleteKey("doomed");
    poller.setPollInterval(Duration.ofMillis(50));
    DeletedKey deleted = poller.waitForCompletion().getValue();
    assertThat(deleted.getRecoveryId()).isEqualTo(server.vaultUrl("vault1") + "/deletedkeys/doomed");
    assertThat(deleted.getDeletedOn()).isNotNull();
    assertThat(deleted.getScheduledPurgeDate()).isEqualTo(deleted.getDeletedOn().plusDays(7));
    assertThatThrownBy(() -> keys.createRsaKey(new CreateRsaKeyOptions("doomed")))
        .isInstanceOf(ResourceModifiedException.class);
    assertThat(keys.getDeletedKey("doomed").getId()).isEqualTo(k.getId());
    List<String> deletedNames = new ArrayList<>();
    keys.listDeletedKeys().forEach(d -> deletedNames.add(d.getName()));
    assertThat(deletedNames).contains("doomed");
    var recover = keys.beginRecoverDeletedKey("doomed");
    recover.setPollInterval(Duration.ofMillis(50));
    recover.waitForCompletion();
    assertThat(crypto(k.getId(), CryptographyServiceVersion.getLatest(), true)
        .unwrapKey(KeyWrapAlgorithm.RSA_OAEP, wrapped).getKey()).isEqualTo(new byte[16]);
    var again = keys.beginDeleteKey("doomed");
    again.setPollInterval(Duration.ofMillis(50));
    again.waitForCompletion();
    keys.purgeDeletedKey("doomed");
    assertThatThrownBy(() -> keys.getDeletedKey("doomed")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  @Order(2)
  void importKey_rsaAndEc_serverComputesWithTheImportedPrivateKey() throws Exception {
    java.security.KeyPair rsa = rsa2048();
    KeyVaultKey imported = keys.importKey("imported-rsa", JsonWebKey.fromRsa(rsa)
        .setKeyOps(List.of(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY)));
    assertThat(imported.getKeyType()).isEqualTo(KeyType.RSA);
    assertThat(imported.getKey().getN()).isEqualTo(JsonWebKey.fromRsa(rsa).getN());
    assertThat(imported.getKey().getD()).as("the private part is never returned").isNull();
    assertThat(imported.getKeyOperations()).containsExactly(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY);
    // Wrapped by the JDK with the caller's own public key, unwrapped by the vault with the imported private key.
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep.init(Cipher.ENCRYPT_MODE, rsa.getPublic(), new OAEPParameterSpec("SHA-256", "MGF1",
        MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] dek = sha256("imported");
    assertThat(crypto(imported.getId(), CryptographyServiceVersion.getLatest(), true)
        .unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, oaep.doFinal(dek)).getKey()).isEqualTo(dek);
    KeyVaultKey second = keys.importKey("imported-rsa", JsonWebKey.fromRsa(rsa2048()));
    assertThat(second.getProperties().getVersion()).isNotEqualTo(imported.getProperties().getVersion());
    assertThat(keys.getKey("imported-rsa").getId()).as("an import under a taken name adds a version").isEqualTo(second.getId());

    java.security.KeyPairGenerator ecGen = java.security.KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair ec = ecGen.generateKeyPair();
    KeyVaultKey ecKey = keys.importKey("imported-ec", JsonWebKey.fromEc(ec, ecGen.getProvider()));
    assertThat(ecKey.getKey().getCurveName()).isEqualTo(KeyCurveName.P_256);
    byte[] digest = sha256("signed by an imported key");
    byte[] signature = crypto(ecKey.getId(), CryptographyServiceVersion.getLatest(), true)
        .sign(SignatureAlgorithm.ES256, digest).getSignature();
    java.security.Signature verifier = java.security.Signature.getInstance("NONEwithECDSAinP1363Format");
    verifier.initVerify(ec.getPublic());
    verifier.update(digest);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  @Order(2)
  void importKey_hardwareProtectedOnPremium_andMismatchedNumbersRefusedWithNothingStored() throws Exception {
    java.security.KeyPair rsa = rsa2048();
    KeyClient premium = client("protected1", KeyServiceVersion.getLatest());
    KeyVaultKey hsm = premium.importKey(new ImportKeyOptions("imported-hsm", JsonWebKey.fromRsa(rsa))
        .setHardwareProtected(true));
    assertThat(hsm.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    assertThatThrownBy(() -> keys.importKey(new ImportKeyOptions("imported-hsm", JsonWebKey.fromRsa(rsa))
        .setHardwareProtected(true))).isInstanceOf(HttpResponseException.class)
        .hasMessageContaining("premium vault");

    JsonWebKey other = JsonWebKey.fromRsa(rsa2048());
    JsonWebKey mismatched = JsonWebKey.fromRsa(rsa).setD(other.getD());
    assertThatThrownBy(() -> keys.importKey("imported-bad", mismatched))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("do not form a key pair");
        });
    assertThatThrownBy(() -> keys.getKey("imported-bad")).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  @Order(2)
  void backupRestore_allVersionsAndPolicy_intoAnotherVault_wrappedDataStillUnwraps() {
    KeyVaultKey first = keys.createRsaKey(new CreateRsaKeyOptions("travel"));
    byte[] dek = sha256("travel");
    byte[] wrapped = crypto(first.getId()).wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey();
    KeyVaultKey latest = keys.createRsaKey(new CreateRsaKeyOptions("travel").setTags(Map.of("stage", "prod")));
    keys.updateKeyRotationPolicy("travel", new KeyRotationPolicy().setExpiresIn("P90D").setLifetimeActions(List.of(
        new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE).setTimeAfterCreate("P30D"))));

    byte[] backup = keys.backupKey("travel");
    KeyClient other = client("vault2", KeyServiceVersion.getLatest());
    KeyVaultKey restored = other.restoreKeyBackup(backup);
    assertThat(restored.getId()).isEqualTo(server.vaultUrl("vault2") + "/keys/travel/"
        + latest.getProperties().getVersion());
    assertThat(restored.getProperties().getTags()).containsEntry("stage", "prod");
    List<String> versions = new ArrayList<>();
    other.listPropertiesOfKeyVersions("travel").forEach(p -> versions.add(p.getVersion()));
    assertThat(versions).containsExactlyInAnyOrder(first.getProperties().getVersion(), latest.getProperties().getVersion());
    assertThat(other.getKeyRotationPolicy("travel").getExpiresIn()).isEqualTo("P90D");
    String oldInOther = server.vaultUrl("vault2") + "/keys/travel/" + first.getProperties().getVersion();
    assertThat(crypto(oldInOther, CryptographyServiceVersion.getLatest(), true)
        .unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(dek);

    assertThatThrownBy(() -> other.restoreKeyBackup(backup)).as("the name is taken")
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(409));
    assertThat(server.audit.snapshot()).anySatisfy(e -> {
      assertThat(e.operation()).isEqualTo("KeyRestore");
      assertThat(e.result()).isEqualTo("409 Conflict");
      assertThat(e.keyName()).as("a refused restore names the key").isEqualTo("travel");
    });
    byte[] tampered = backup.clone();
    tampered[tampered.length / 2] ^= 1;
    assertThatThrownBy(() -> client("protected1", KeyServiceVersion.getLatest()).restoreKeyBackup(tampered))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> client("protected1", KeyServiceVersion.getLatest()).getKey("travel"))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  @Order(2)
  void backup_hardwareKey_refused() {
    KeyClient premium = client("protected1", KeyServiceVersion.getLatest());
    premium.createRsaKey(new CreateRsaKeyOptions("hsm-only").setHardwareProtected(true));
    assertThatThrownBy(() -> premium.backupKey("hsm-only"))
        .isInstanceOfSatisfying(HttpResponseException.class, e -> {
          assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
          assertThat(e.getMessage()).contains("hardware security module");
        });
  }

  @Test
  @Order(2)
  void purge_refusedUnderPurgeProtection() {
    KeyClient protectedVault = client("protected1", KeyServiceVersion.getLatest());
    protectedVault.createRsaKey(new CreateRsaKeyOptions("kept"));
    var poller = protectedVault.beginDeleteKey("kept");
    poller.setPollInterval(Duration.ofMillis(50));
    assertThat(poller.waitForCompletion().getValue().getProperties().getRecoveryLevel()).isEqualTo("CustomizedRecoverable");
    assertThatThrownBy(() -> protectedVault.purgeDeletedKey("kept")).isInstanceOfSatisfying(HttpResponseException.class,
        e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(403));
    assertThat(protectedVault.getDeletedKey("kept")).isNotNull();
  }

  @Test
  @Order(2)
  void rotate_newVersion_oldWrappedDataStillUnwraps_andPolicyRoundTrip() {
    KeyVaultKey v1 = keys.createRsaKey(new CreateRsaKeyOptions("rotated"));
    byte[] dek = new byte[32];
    dek[31] = 9;
    byte[] wrapped = keys.getCryptographyClient("rotated").wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey();
    KeyVaultKey v2 = keys.rotateKey("rotated");
    assertThat(v2.getProperties().getVersion()).isNotEqualTo(v1.getProperties().getVersion());
    assertThat(keys.getKey("rotated").getId()).isEqualTo(v2.getId());
    assertThat(crypto(v1.getId()).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(dek);

    KeyRotationPolicy def = keys.getKeyRotationPolicy("rotated");
    assertThat(def.getLifetimeActions()).hasSize(1);
    assertThat(def.getLifetimeActions().get(0).getAction()).isEqualTo(KeyRotationPolicyAction.NOTIFY);
    KeyRotationPolicy set = keys.updateKeyRotationPolicy("rotated", new KeyRotationPolicy().setExpiresIn("P90D")
        .setLifetimeActions(List.of(new KeyRotationLifetimeAction(KeyRotationPolicyAction.ROTATE).setTimeAfterCreate("P30D"))));
    assertThat(set.getExpiresIn()).isEqualTo("P90D");
    assertThat(set.getLifetimeActions().get(0).getAction()).isEqualTo(KeyRotationPolicyAction.ROTATE);
    assertThat(set.getLifetimeActions().get(0).getTimeAfterCreate()).isEqualTo("P30D");
    KeyRotationPolicy read = keys.getKeyRotationPolicy("rotated");
    assertThat(read.getId()).isEqualTo(server.vaultUrl("vault1") + "/keys/rotated/rotationpolicy");
    assertThat(read.getExpiresIn()).isEqualTo("P90D");
    assertThat(read.getCreatedOn()).isNotNull();
  }

  @ParameterizedTest
  @Order(2)
  @EnumSource(value = KeyServiceVersion.class, names = {"V7_0", "V7_1", "V7_2", "V7_3", "V7_4", "V7_5", "V7_6"})
  void happyPath_perApiVersion(KeyServiceVersion version) {
    KeyClient client = client("vault1", version);
    String name = "api-" + version.getVersion().replace('.', '-');
    KeyVaultKey k = client.createRsaKey(new CreateRsaKeyOptions(name).setKeySize(2048));
    assertThat(client.getKey(name).getId()).isEqualTo(k.getId());
    CryptographyClient c = crypto(k.getId(), CryptographyServiceVersion.valueOf(version.name()), true);
    byte[] wrapped = c.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, new byte[32]).getEncryptedKey();
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(new byte[32]);
    var poller = client.beginDeleteKey(name);
    poller.setPollInterval(Duration.ofMillis(50));
    assertThat(poller.waitForCompletion().getValue().getName()).isEqualTo(name);
  }

  @Test
  @Order(2)
  void rejectedToken_clientAuthenticationException_beforeAndAfterTheChallengeIsCached() {
    List<TokenRequestContext> asked = new CopyOnWriteArrayList<>();
    TokenCredential forged = ctx -> {
      asked.add(ctx);
      return Mono.just(new AccessToken("forged." + asked.size(), OffsetDateTime.now().plusHours(1)));
    };
    server.addVault("vault3", Vault.Sku.STANDARD, false); // a fresh authority: the SDK's challenge cache is static
    KeyClient c = client("vault3", KeyServiceVersion.getLatest(), forged);
    for (int i = 0; i < 2; i++) { // first without the challenge cached, then with it
      assertThatThrownBy(() -> c.getKey("any")).isInstanceOfSatisfying(ClientAuthenticationException.class,
          e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(401)).hasMessageContaining("Unauthorized");
    }
    assertThat(asked).isNotEmpty().allSatisfy(ctx -> assertThat(ctx.getScopes()).containsExactly("https://vault.localhost/.default"));
  }

  @Test
  @Order(2)
  void plainHttp_withCredential_refusedBySdk() {
    KeyClient c = new KeyClientBuilder().vaultUrl("http://vault1.vault.localhost:" + server.port).credential(credential)
        .httpClient(http).retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)))).buildClient();
    assertThatThrownBy(() -> c.getKey("first")).hasMessageContaining("HTTPS");
  }

  @Test
  @Order(3)
  void audit_everySdkCallRecorded_noServerErrors() {
    var events = server.audit.snapshot();
    events.forEach(e -> System.out.println("audit " + e.operation() + " " + e.keyName() + " " + e.result()));
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.result()).doesNotStartWith("5"));
    assertThat(events).anySatisfy(e -> assertThat(e.operation()).isEqualTo("KeyUnwrap"));
  }

  private static java.security.KeyPair rsa2048() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
