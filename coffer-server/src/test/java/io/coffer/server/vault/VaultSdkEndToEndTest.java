package io.coffer.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.keys.KeyClient;
import com.azure.security.keyvault.keys.KeyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.SignatureAlgorithm;
import com.azure.security.keyvault.keys.models.CreateEcKeyOptions;
import com.azure.security.keyvault.keys.models.CreateRsaKeyOptions;
import com.azure.security.keyvault.keys.models.KeyCurveName;
import com.azure.security.keyvault.keys.models.KeyOperation;
import com.azure.security.keyvault.keys.models.KeyType;
import com.azure.security.keyvault.keys.models.KeyVaultKey;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.server.TestServer;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The official Azure SDK, unchanged, against a whole {@code coffer serve --tls}: vault made through
 * the control plane, tokens from Coffer's token endpoint, keys in software and in the SoftHSM2
 * token, access policies, RBAC, the firewall, and the audit trail of it all.
 */
class VaultSdkEndToEndTest {
  @TempDir static Path dir;
  static TestServer server;
  static HttpClient http;
  static String group;
  static String tenant;
  static final List<TokenRequestContext> requested = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, Map.of("COFFER_SERVER_TLS", "true"));
    var ssl = SslContextBuilder.forClient().trustManager(server.caFile().toFile()).build();
    http = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
        .secure(spec -> spec.sslContext(ssl))).build();
    group = "/subscriptions/" + server.subscription + "/resourceGroups/vaults";
    server.management("PUT", group, Map.of("location", "westeurope"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode createVault(String name, Map<String, Object> properties) throws Exception {
    JsonNode vault = server.management("PUT", group + "/providers/Microsoft.KeyVault/vaults/" + name,
        Map.of("properties", properties));
    tenant = vault.path("properties").path("tenantId").asText();
    return vault;
  }

  /** Tokens from Coffer's own token endpoint, for whatever scope the SDK's challenge asks. */
  static TokenCredential credential(String user, String password) {
    return ctx -> {
      requested.add(ctx);
      try {
        var r = server.tokenRequest("grant_type=password&username=" + enc(user) + "&password=" + enc(password)
            + "&scope=" + enc(ctx.getScopes().get(0)));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        return Mono.just(new AccessToken(body.path("access_token").asText(),
            OffsetDateTime.now().plusSeconds(body.path("expires_in").asLong())));
      } catch (Exception e) {
        return Mono.error(e);
      }
    };
  }

  static KeyClient keys(JsonNode vault, TokenCredential credential) {
    return new KeyClientBuilder().vaultUrl(vault.path("properties").path("vaultUri").asText())
        .credential(credential).httpClient(http)
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)))).buildClient();
  }

  static CryptographyClient crypto(String kid, TokenCredential credential) {
    return new CryptographyClientBuilder().keyIdentifier(kid).credential(credential).httpClient(http)
        .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)))).buildClient();
  }

  static TokenCredential admin() {
    return credential("admin", TestServer.ADMIN_PASSWORD);
  }

  static String createUser(String name) throws Exception {
    return server.management("POST", "/v1.0/users", Map.of("userPrincipalName", name, "displayName", name,
        "passwordProfile", Map.of("password", name + "-password"))).path("id").asText();
  }

  static byte[] dataKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static int status(Throwable e) {
    return ((HttpResponseException) e).getResponse().getStatusCode();
  }

  @Test
  void sdkCreatesHsmAndSoftwareKeys_wrapsAndUnwraps_rotates_andEveryCallIsAudited() throws Exception {
    JsonNode vault = createVault("sdkvault", Map.of("sku", Map.of("family", "A", "name", "premium"),
        "enablePurgeProtection", true));
    KeyClient keys = keys(vault, admin());

    KeyVaultKey hsm = keys.createRsaKey(new CreateRsaKeyOptions("cmk-hsm").setHardwareProtected(true)
        .setKeySize(2048).setKeyOperations(KeyOperation.WRAP_KEY, KeyOperation.UNWRAP_KEY));
    assertThat(hsm.getKeyType()).isEqualTo(KeyType.RSA_HSM);
    assertThat(hsm.getId()).startsWith(vault.path("properties").path("vaultUri").asText() + "keys/cmk-hsm/");
    // The SDK asked for the vault domain's resource, in the server's tenant, after the 401 challenge.
    assertThat(requested).anySatisfy(ctx -> {
      assertThat(ctx.getScopes()).containsExactly("https://vault.localhost/.default");
      assertThat(ctx.getTenantId()).isEqualTo(tenant);
    });

    byte[] dek = dataKey();
    CryptographyClient hsmCrypto = crypto(hsm.getId(), admin());
    for (KeyWrapAlgorithm alg : List.of(KeyWrapAlgorithm.RSA_OAEP_256, KeyWrapAlgorithm.RSA_OAEP,
        KeyWrapAlgorithm.RSA1_5)) {
      byte[] wrapped = hsmCrypto.wrapKey(alg, dek).getEncryptedKey();
      assertThat(hsmCrypto.unwrapKey(alg, wrapped).getKey()).as(alg.toString()).isEqualTo(dek);
    }
    // Wrapped by anyone holding the public key, opened only by the token.
    Cipher local = Cipher.getInstance("RSA/ECB/OAEPPadding");
    local.init(Cipher.ENCRYPT_MODE, hsm.getKey().toRsa().getPublic(),
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    assertThat(hsmCrypto.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, local.doFinal(dek)).getKey()).isEqualTo(dek);

    KeyVaultKey soft = keys.createRsaKey(new CreateRsaKeyOptions("cmk").setKeySize(3072));
    byte[] wrappedV1 = crypto(soft.getId(), admin()).wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey();
    KeyVaultKey v2 = keys.rotateKey("cmk");
    assertThat(v2.getProperties().getVersion()).isNotEqualTo(soft.getProperties().getVersion());
    assertThat(keys.getKey("cmk").getId()).isEqualTo(v2.getId());
    assertThat(crypto(soft.getId(), admin()).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrappedV1).getKey())
        .isEqualTo(dek);

    keys.beginDeleteKey("cmk").waitForCompletion();
    assertThatThrownBy(() -> keys.purgeDeletedKey("cmk")).satisfies(e -> assertThat(status(e)).isEqualTo(403));
    keys.beginRecoverDeletedKey("cmk").waitForCompletion();
    assertThat(crypto(soft.getId(), admin()).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrappedV1).getKey())
        .isEqualTo(dek);

    JsonNode events = server.management("GET", group + "/providers/Microsoft.KeyVault/vaults/sdkvault/auditEvents",
        null).path("value");
    String adminId = server.management("GET", "/v1.0/users/admin", null).path("id").asText();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.path("operation").asText()).containsIgnoringCase("unwrap");
      assertThat(e.path("keyName").asText()).isEqualTo("cmk");
      assertThat(e.path("keyVersion").asText()).isEqualTo(soft.getProperties().getVersion());
      assertThat(e.path("callerObjectId").asText()).isEqualTo(adminId);
      assertThat(e.path("result").asText()).startsWith("200");
    });
    assertThat(server.management("POST", group + "/providers/Microsoft.KeyVault/vaults/sdkvault/verifyAudit", null)
        .path("intact").asBoolean()).isTrue();
  }

  @Test
  void sdkCreatesEcHsmKeyOnPremiumVaultsOnly_signsInTheToken_signatureVerifiesWithTheJdk() throws Exception {
    JsonNode vault = createVault("echsm", Map.of("sku", Map.of("family", "A", "name", "premium")));
    KeyVaultKey ec = keys(vault, admin()).createEcKey(new CreateEcKeyOptions("signer").setHardwareProtected(true)
        .setCurveName(KeyCurveName.P_384));
    assertThat(ec.getKeyType()).isEqualTo(KeyType.EC_HSM);
    assertThat(ec.getKey().getCurveName()).isEqualTo(KeyCurveName.P_384);

    byte[] release = "release 1.0".getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance("SHA-384").digest(release);
    CryptographyClient crypto = crypto(ec.getId(), admin());
    byte[] signature = crypto.sign(SignatureAlgorithm.ES384, digest).getSignature();
    Signature jdk = Signature.getInstance("SHA384withECDSAinP1363Format");
    jdk.initVerify(ec.getKey().toEc().getPublic());
    jdk.update(release);
    assertThat(jdk.verify(signature)).isTrue();
    assertThat(crypto.verify(SignatureAlgorithm.ES384, digest, signature).isValid()).isTrue();

    JsonNode standard = createVault("ecstandard", Map.of("sku", Map.of("family", "A", "name", "standard")));
    assertThatThrownBy(() -> keys(standard, admin()).createEcKey(new CreateEcKeyOptions("signer")
        .setHardwareProtected(true))).satisfies(e -> {
          assertThat(status(e)).isEqualTo(400);
          assertThat(e).hasMessageContaining("EC-HSM keys need a premium vault");
        });
  }

  @Test
  void accessPolicyAndFirewallDecideWhatAnotherUserMayDo() throws Exception {
    JsonNode vault = createVault("fwvault", Map.of());
    String kid = keys(vault, admin()).createRsaKey(new CreateRsaKeyOptions("k").setKeySize(2048)).getId();
    String bobId = createUser("bob");
    TokenCredential bob = credential("bob", "bob-password");
    byte[] dek = dataKey();

    // No policy yet: the vault refuses, and says so in Key Vault's shape.
    assertThatThrownBy(() -> crypto(kid, bob).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, new byte[256]))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403))
        .hasMessageContaining("ForbiddenByPolicy");

    String vaultPath = group + "/providers/Microsoft.KeyVault/vaults/fwvault";
    server.management("PUT", vaultPath + "/accessPolicies/add", Map.of("properties", Map.of("accessPolicies",
        List.of(Map.of("tenantId", tenant, "objectId", bobId,
            "permissions", Map.of("keys", List.of("get", "wrapKey", "unwrapKey")))))));
    CryptographyClient bobCrypto = crypto(kid, bob);
    byte[] wrapped = bobCrypto.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey();
    assertThat(bobCrypto.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(dek);

    // Firewall on, loopback not listed: refused; listed: allowed again.
    server.management("PATCH", vaultPath, Map.of("properties", Map.of("networkAcls",
        Map.of("defaultAction", "Deny", "bypass", "None", "ipRules", List.of(Map.of("value", "10.0.0.0/8"))))));
    assertThatThrownBy(() -> crypto(kid, bob).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403))
        .hasMessageContaining("ForbiddenByFirewall");
    server.management("PATCH", vaultPath, Map.of("properties", Map.of("networkAcls",
        Map.of("defaultAction", "Deny", "bypass", "None",
            "ipRules", List.of(Map.of("value", "10.0.0.0/8"), Map.of("value", "127.0.0.1"))))));
    assertThat(crypto(kid, bob).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped).getKey()).isEqualTo(dek);

    // Policy removed: refused at once.
    server.management("PUT", vaultPath + "/accessPolicies/remove", Map.of("properties", Map.of("accessPolicies",
        List.of(Map.of("tenantId", tenant, "objectId", bobId, "permissions", Map.of("keys", List.of()))))));
    assertThatThrownBy(() -> crypto(kid, bob).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, wrapped))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403));
  }

  @Test
  void rbacVaultFollowsRoleAssignments_includingTheSeedsRoleName() throws Exception {
    JsonNode vault = createVault("rbacvault", Map.of("enableRbacAuthorization", true));
    String carolId = createUser("carol");
    String vaultId = vault.path("id").asText();
    server.management("PUT", vaultId + "/providers/Microsoft.Authorization/roleAssignments/"
        + java.util.UUID.randomUUID(), Map.of("properties", Map.of("roleDefinitionId",
        "/subscriptions/" + server.subscription + "/providers/Microsoft.Authorization/roleDefinitions/"
            + "00482a5a-887f-4fb3-b363-3b7fe8e74483", "principalId",
        server.management("GET", "/v1.0/users/admin", null).path("id").asText(), "principalType", "User")));
    String kid = keys(vault, admin()).createRsaKey(new CreateRsaKeyOptions("k").setKeySize(2048)).getId();
    TokenCredential carol = credential("carol", "carol-password");

    assertThatThrownBy(() -> crypto(kid, carol).unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, new byte[256]))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403))
        .hasMessageContaining("ForbiddenByRbac");
    JsonNode role = server.management("GET", "/subscriptions/" + server.subscription
        + "/providers/Microsoft.Authorization/roleDefinitions?$filter=" + enc(
        "roleName eq 'Key Vault Crypto Service Encryption (preview)'"), null).path("value").get(0);
    server.management("PUT", vaultId + "/providers/Microsoft.Authorization/roleAssignments/"
        + java.util.UUID.randomUUID(), Map.of("properties", Map.of("roleDefinitionId", role.path("id").asText(),
        "principalId", carolId, "principalType", "User")));
    byte[] dek = dataKey();
    CryptographyClient c = crypto(kid, carol);
    assertThat(c.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256,
        c.wrapKey(KeyWrapAlgorithm.RSA_OAEP_256, dek).getEncryptedKey()).getKey()).isEqualTo(dek);
    // The service-encryption role does not create keys.
    assertThatThrownBy(() -> keys(vault, carol).createRsaKey(new CreateRsaKeyOptions("other")))
        .satisfies(e -> assertThat(status(e)).isEqualTo(403));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
