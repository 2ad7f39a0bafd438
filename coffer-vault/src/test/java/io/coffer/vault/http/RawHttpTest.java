package io.coffer.vault.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.identity.Principal;
import io.coffer.vault.audit.AuditEvent;
import io.coffer.vault.vaults.KeyPermission;
import io.coffer.vault.vaults.Vault;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data plane over raw HTTPS: what the SDK never sends, and the exact wire answers. */
class RawHttpTest {
  @TempDir static java.nio.file.Path dir;
  static VaultServer server;
  static Vault vault;
  static String token;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    server = new VaultServer(dir);
    vault = server.addVault("vault1", Vault.Sku.STANDARD, false);
    server.addVault("premium1", Vault.Sku.PREMIUM, true);
    token = server.token(server.user);
    base = server.vaultUrl("vault1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> call(String method, String path, String body) throws Exception {
    return server.send(method, base + path, token, body);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).path("error").path("code").asText()).isEqualTo(code);
  }

  private static JsonNode createRsa(String name) throws Exception {
    HttpResponse<String> r = call("POST", "/keys/" + name + "/create?api-version=7.6", "{\"kty\":\"RSA\",\"key_size\":2048}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static PublicKey rsaPublic(JsonNode key) throws Exception {
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
  }

  @Test
  void apiVersion_missingOrUnknown_badParameterInAzureWords() throws Exception {
    assertError(call("GET", "/keys", null), 400, "BadParameter");
    HttpResponse<String> r = call("GET", "/keys?api-version=7.9", null);
    assertError(r, 400, "BadParameter");
    assertThat(json(r).path("error").path("message").asText())
        .isEqualTo("The specified version (7.9) is not recognized. Consider using the latest supported version (7.6).");
    JsonNode latest = createRsa("versioned-json");
    for (String v : List.of("7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01")) {
      assertThat(call("GET", "/keys?api-version=" + v, null).statusCode()).as(v).isEqualTo(200);
      assertThat(json(call("GET", "/keys/versioned-json?api-version=" + v, null))).as(v).isEqualTo(latest);
    }
  }

  @Test
  void noToken_401WithChallenge_beforeTheBodyIsRead() throws Exception {
    HttpResponse<String> r = server.send("POST", base + "/keys/k/create?api-version=7.6", null, "{not json");
    assertError(r, 401, "Unauthorized");
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer authorization=\"https://vault.localhost:" + server.port + "/" + TestDoubles.TENANT
            + "\", resource=\"https://vault.localhost\"");
  }

  @Test
  void noToken_sdkFirstRequestWithBodyStripped_401InKeyVaultWords() throws Exception {
    HttpResponse<String> r = server.send("POST", base + "/keys/k/create?api-version=7.6", null, null);
    assertError(r, 401, "Unauthorized");
    assertThat(json(r).path("error").path("message").asText()).isEqualTo("AKV10000: Request is missing a Bearer or PoP token.");
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer authorization=\"https://")
        .contains("resource=\"https://vault.localhost\"");
    assertError(call("GET", "/keys/k?api-version=7.6", null), 404, "KeyNotFound");
  }

  @Test
  void badTokens_tamperedExpiredWrongAudience_401() throws Exception {
    String good = server.token(server.user);
    String tampered = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    String expired = server.tokens.issue(server.user, VaultServer.RESOURCE, "access", Duration.ofSeconds(-120), List.of());
    String otherAudience = server.tokens.issue(server.user, "https://other.localhost", "access", Duration.ofHours(1), List.of());
    String management = server.tokens.issue(server.user, "coffer-management", "management", Duration.ofHours(1), List.of());
    for (String bad : List.of(tampered, expired, otherAudience, management, "not-a-jwt")) {
      HttpResponse<String> r = server.send("GET", base + "/keys?api-version=7.6", bad, null);
      assertError(r, 401, "Unauthorized");
      assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    }
    String slash = server.tokens.issue(server.user, VaultServer.RESOURCE + "/", "access", Duration.ofHours(1), List.of());
    assertThat(server.send("GET", base + "/keys?api-version=7.6", slash, null).statusCode()).isEqualTo(200);
  }

  @Test
  void create_badInput_badParameterAndNothingCreated() throws Exception {
    List<String> bodies = List.of("{\"kty\":", "[1,2]", "", "{\"kty\":\"oct\"}", "{\"kty\":\"RSA\",\"key_size\":1024}",
        "{\"kty\":\"RSA\",\"key_size\":\"2048\"}", "{\"kty\":\"EC\",\"crv\":\"P-256K\"}", "{\"kty\":\"EC-HSM\"}",
        "{\"kty\":\"RSA\",\"key_ops\":[\"fly\"]}", "{\"kty\":\"EC\",\"key_ops\":[\"encrypt\"]}",
        "{\"kty\":\"RSA\",\"public_exponent\":3}", "{\"kty\":\"RSA\",\"attributes\":{\"exp\":\"soon\"}}",
        "{\"kty\":\"RSA\",\"attributes\":{\"nbf\":2000,\"exp\":1000}}", "{\"kty\":\"RSA\",\"tags\":{\"a\":1}}",
        "{\"kty\":\"RSA-HSM\"}");
    for (String body : bodies) {
      HttpResponse<String> r = call("POST", "/keys/refused/create?api-version=7.6", body);
      assertError(r, 400, "BadParameter");
    }
    assertError(call("POST", "/keys/bad_name/create?api-version=7.6", "{\"kty\":\"RSA\"}"), 400, "BadParameter");
    assertError(call("GET", "/keys/refused?api-version=7.6", null), 404, "KeyNotFound");
  }

  @Test
  void create_defaults_rsa2048AllOpsAndPublicExponentZeroIsF4() throws Exception {
    JsonNode b = json(call("POST", "/keys/defaults/create?api-version=7.6",
        "{\"kty\":\"RSA\",\"public_exponent\":0,\"attributes\":{}}"));
    assertThat(b.path("key").path("e").asText()).isEqualTo("AQAB");
    assertThat(Base64.getUrlDecoder().decode(b.path("key").path("n").asText())).hasSize(256);
    assertThat(b.path("key").path("key_ops").toString())
        .isEqualTo("[\"encrypt\",\"decrypt\",\"sign\",\"verify\",\"wrapKey\",\"unwrapKey\"]");
    assertThat(b.path("key").path("kid").asText()).matches("https://vault1\\.vault\\.localhost:\\d+/keys/defaults/[0-9a-f]{32}");
    assertThat(b.path("attributes").path("recoveryLevel").asText()).isEqualTo("CustomizedRecoverable+Purgeable");
    assertThat(b.path("attributes").path("recoverableDays").asInt()).isEqualTo(7);
    assertThat(b.path("attributes").path("exportable").isBoolean()).isTrue();
    assertThat(b.path("attributes").path("exportable").asBoolean()).isFalse();
  }

  @Test
  void crypto_badInput_badParameterAndNothingUsed() throws Exception {
    createRsa("cryptobad");
    String wrap = "/keys/cryptobad//wrapkey?api-version=7.6";
    assertError(call("POST", wrap, "{\"alg\":\"RSA-OAEP-512\",\"value\":\"AAAA\"}"), 400, "BadParameter");
    assertError(call("POST", wrap, "{\"alg\":\"RSA-OAEP\",\"value\":\"a+b/c==\"}"), 400, "BadParameter");
    assertError(call("POST", wrap, "{\"alg\":\"RSA-OAEP\"}"), 400, "BadParameter");
    assertError(call("POST", wrap, "{\"alg\":\"RSA-OAEP\",\"value\":\"" + b64(new byte[215]) + "\"}"), 400, "BadParameter");
    assertThat(call("POST", wrap, "{\"alg\":\"RSA-OAEP\",\"value\":\"" + b64(new byte[214]) + "\"}").statusCode())
        .isEqualTo(200);
    assertError(call("POST", "/keys/cryptobad//unwrapkey?api-version=7.6",
        "{\"alg\":\"RSA-OAEP\",\"value\":\"" + b64(new byte[100]) + "\"}"), 400, "BadParameter");
    assertError(call("POST", "/keys/cryptobad//unwrapkey?api-version=7.6",
        "{\"alg\":\"RSA-OAEP\",\"value\":\"" + b64(new byte[256]) + "\"}"), 400, "BadParameter");
    assertError(call("POST", "/keys/cryptobad//sign?api-version=7.6",
        "{\"alg\":\"RS256\",\"value\":\"" + b64(new byte[20]) + "\"}"), 400, "BadParameter");
    assertError(call("POST", "/keys/cryptobad//sign?api-version=7.6",
        "{\"alg\":\"ES256\",\"value\":\"" + b64(new byte[32]) + "\"}"), 400, "BadParameter");
    String huge = "{\"alg\":\"RSA-OAEP\",\"value\":\"" + "A".repeat(70_000) + "\"}";
    HttpResponse<String> tooLarge = call("POST", wrap, huge);
    assertError(tooLarge, 400, "BadParameter");
    assertThat(json(tooLarge).path("error").path("message").asText()).contains("larger than 64 KiB");
    assertError(call("POST", "/keys/cryptobad/wrapkey/extra/segments?api-version=7.6", "{}"), 400, "BadParameter");
  }

  @Test
  void paths_caseInsensitiveTrailingSlashAndEmptyVersion() throws Exception {
    JsonNode created = createRsa("Paths-Key");
    String kid = created.path("key").path("kid").asText();
    String version = kid.substring(kid.lastIndexOf('/') + 1);
    for (String p : List.of("/keys/paths-key", "/keys/paths-key/", "/KEYS/PATHS-KEY/", "/keys/paths-key/" + version,
        "/Keys/Paths-Key/" + version + "/")) {
      HttpResponse<String> r = call("GET", p + "?api-version=7.6", null);
      assertThat(r.statusCode()).as(p).isEqualTo(200);
      assertThat(json(r).path("key").path("kid").asText()).isEqualTo(kid);
    }
    String body = "{\"alg\":\"RSA1_5\",\"value\":\"" + b64(new byte[] {1, 2, 3}) + "\"}";
    for (String p : List.of("/keys/paths-key//wrapkey", "/keys/paths-key/wrapKey", "/KEYS/paths-key/" + version + "/WRAPKEY")) {
      HttpResponse<String> r = call("POST", p + "?api-version=7.6", body);
      assertThat(r.statusCode()).as(p).isEqualTo(200);
      assertThat(json(r).path("kid").asText()).isEqualTo(kid);
    }
    assertError(call("GET", "/keys/paths-key/0123456789abcdef0123456789abcdef?api-version=7.6", null), 404, "KeyNotFound");
  }

  @Test
  void vaultHosts_neverReachOtherAreas_otherHostsPassThrough() throws Exception {
    HttpResponse<String> unknown = server.send("GET", server.vaultUrl("unknown1") + "/keys?api-version=7.6", token, null);
    assertError(unknown, 404, "VaultNotFound");
    HttpResponse<String> other = server.send("GET", "https://localhost:" + server.port + "/keys", null, null);
    assertThat(other.body()).isEqualTo("other area");
    HttpResponse<String> missing = call("GET", "/nothing-here?api-version=7.6", null);
    assertError(missing, 400, "BadParameter");
  }

  @Test
  void interop_localJceEncrypt_serverUnwrapsAllThreeAlgorithms() throws Exception {
    JsonNode key = createRsa("interop").path("key");
    PublicKey pub = rsaPublic(key);
    byte[] dek = new byte[32];
    new java.security.SecureRandom().nextBytes(dek);
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    oaep.init(Cipher.ENCRYPT_MODE, pub);
    Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep256.init(Cipher.ENCRYPT_MODE, pub,
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    pkcs1.init(Cipher.ENCRYPT_MODE, pub);
    for (var e : List.of(List.of("RSA-OAEP", oaep), List.of("RSA-OAEP-256", oaep256), List.of("RSA1_5", pkcs1))) {
      byte[] wrapped = ((Cipher) e.get(1)).doFinal(dek);
      HttpResponse<String> r = call("POST", "/keys/interop//unwrapkey?api-version=7.6",
          "{\"alg\":\"" + e.get(0) + "\",\"value\":\"" + b64(wrapped) + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Base64.getUrlDecoder().decode(json(r).path("value").asText())).as((String) e.get(0)).isEqualTo(dek);
    }
  }

  @Test
  void signVerify_rsaAndEc_interoperateWithJce() throws Exception {
    byte[] message = "release v1".getBytes();
    JsonNode rsa = createRsa("signer").path("key");
    for (String alg : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")) {
      String hash = "SHA-" + alg.substring(2);
      byte[] digest = MessageDigest.getInstance(hash).digest(message);
      HttpResponse<String> r = call("POST", "/keys/signer//sign?api-version=7.6",
          "{\"alg\":\"" + alg + "\",\"value\":\"" + b64(digest) + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      byte[] sig = Base64.getUrlDecoder().decode(json(r).path("value").asText());
      Signature jce = alg.startsWith("RS") ? Signature.getInstance("SHA" + alg.substring(2) + "withRSA")
          : Signature.getInstance("RSASSA-PSS");
      if (alg.startsWith("PS")) {
        int len = Integer.parseInt(alg.substring(2)) / 8;
        jce.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), len, 1));
      }
      jce.initVerify(rsaPublic(rsa));
      jce.update(message);
      assertThat(jce.verify(sig)).as(alg).isTrue();
      JsonNode v = json(call("POST", "/keys/signer//verify?api-version=7.6",
          "{\"alg\":\"" + alg + "\",\"digest\":\"" + b64(digest) + "\",\"value\":\"" + b64(sig) + "\"}"));
      assertThat(v.path("value").asBoolean()).as(alg).isTrue();
      sig[5] ^= 1;
      v = json(call("POST", "/keys/signer//verify?api-version=7.6",
          "{\"alg\":\"" + alg + "\",\"digest\":\"" + b64(digest) + "\",\"value\":\"" + b64(sig) + "\"}"));
      assertThat(v.path("value").asBoolean()).as(alg).isFalse();
    }
    for (var c : List.of(List.of("P-256", "ES256", "SHA-256", 32), List.of("P-384", "ES384", "SHA-384", 48),
        List.of("P-521", "ES512", "SHA-512", 66))) {
      String name = "ec-" + c.get(1).toString().toLowerCase();
      JsonNode ec = json(call("POST", "/keys/" + name + "/create?api-version=7.6", "{\"kty\":\"EC\",\"crv\":\"" + c.get(0) + "\"}"));
      assertThat(ec.path("key").path("kty").asText()).isEqualTo("EC");
      assertThat(ec.path("key").path("key_ops").toString()).isEqualTo("[\"sign\",\"verify\"]");
      assertThat(Base64.getUrlDecoder().decode(ec.path("key").path("x").asText())).hasSize((Integer) c.get(3));
      byte[] digest = MessageDigest.getInstance((String) c.get(2)).digest(message);
      HttpResponse<String> r = call("POST", "/keys/" + name + "//sign?api-version=7.6",
          "{\"alg\":\"" + c.get(1) + "\",\"value\":\"" + b64(digest) + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      byte[] sig = Base64.getUrlDecoder().decode(json(r).path("value").asText());
      assertThat(sig).hasSize(2 * (Integer) c.get(3));
      var params = java.security.AlgorithmParameters.getInstance("EC");
      params.init(new java.security.spec.ECGenParameterSpec(
          Set.of("P-256").contains(c.get(0)) ? "secp256r1" : c.get(0).equals("P-384") ? "secp384r1" : "secp521r1"));
      var spec = params.getParameterSpec(java.security.spec.ECParameterSpec.class);
      PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
          new java.security.spec.ECPoint(
              new BigInteger(1, Base64.getUrlDecoder().decode(ec.path("key").path("x").asText())),
              new BigInteger(1, Base64.getUrlDecoder().decode(ec.path("key").path("y").asText()))), spec));
      Signature jce = Signature.getInstance(((String) c.get(2)).replace("-", "") + "withECDSAinP1363Format");
      jce.initVerify(pub);
      jce.update(message);
      assertThat(jce.verify(sig)).as((String) c.get(1)).isTrue();
      assertError(call("POST", "/keys/" + name + "//wrapkey?api-version=7.6",
          "{\"alg\":\"RSA-OAEP\",\"value\":\"AAAA\"}"), 403, "Forbidden");
    }
  }

  @Test
  void keyState_disabledRefused_expiredStillUnwraps() throws Exception {
    createRsa("stateful");
    byte[] dek = new byte[32];
    JsonNode wrapped = json(call("POST", "/keys/stateful//wrapkey?api-version=7.6",
        "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + b64(dek) + "\"}"));
    String unwrapBody = "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + wrapped.path("value").asText() + "\"}";
    String wrapBody = "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + b64(dek) + "\"}";
    long past = Instant.now().minusSeconds(3600).getEpochSecond();
    JsonNode expired = json(call("PATCH", "/keys/stateful?api-version=7.6", "{\"key_ops\":[],\"attributes\":{\"exp\":" + past + "}}"));
    assertThat(expired.path("attributes").path("exp").asLong()).isEqualTo(past);
    assertThat(expired.path("key").path("key_ops").size()).isEqualTo(6);
    assertError(call("POST", "/keys/stateful//wrapkey?api-version=7.6", wrapBody), 403, "Forbidden");
    assertThat(call("POST", "/keys/stateful//unwrapkey?api-version=7.6", unwrapBody).statusCode()).isEqualTo(200);
    call("PATCH", "/keys/stateful?api-version=7.6", "{\"attributes\":{\"enabled\":false,\"exp\":null}}");
    HttpResponse<String> r = call("POST", "/keys/stateful//unwrapkey?api-version=7.6", unwrapBody);
    assertError(r, 403, "Forbidden");
    assertThat(json(r).path("error").path("message").asText()).isEqualTo("Operation unwrapKey is not allowed on a disabled key.");
    assertThat(call("GET", "/keys/stateful?api-version=7.6", null).statusCode()).isEqualTo(200);
    call("PATCH", "/keys/stateful?api-version=7.6", "{\"attributes\":{\"enabled\":true},\"key_ops\":[\"wrapKey\"]}");
    assertError(call("POST", "/keys/stateful//unwrapkey?api-version=7.6", unwrapBody), 403, "Forbidden");
  }

  private static String jwk(java.security.KeyPair pair, String kty) {
    var k = (java.security.interfaces.RSAPrivateCrtKey) pair.getPrivate();
    return "{\"kty\":\"" + kty + "\",\"n\":\"" + unsigned(k.getModulus()) + "\",\"e\":\"" + unsigned(k.getPublicExponent())
        + "\",\"d\":\"" + unsigned(k.getPrivateExponent()) + "\",\"p\":\"" + unsigned(k.getPrimeP()) + "\",\"q\":\""
        + unsigned(k.getPrimeQ()) + "\",\"dp\":\"" + unsigned(k.getPrimeExponentP()) + "\",\"dq\":\""
        + unsigned(k.getPrimeExponentQ()) + "\",\"qi\":\"" + unsigned(k.getCrtCoefficient()) + "\"}";
  }

  private static String unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    return b64(b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b);
  }

  @Test
  void importKey_badInput_badParameter_nothingStored() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    String small = jwk(g.generateKeyPair(), "RSA");
    g.initialize(2048);
    String good = jwk(g.generateKeyPair(), "RSA");
    for (String body : List.of("{}", "{oops", "{\"key\":\"x\"}", "{\"key\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}",
        "{\"key\":" + small + "}", "{\"key\":" + good.replace("\"d\":\"", "\"d\":\"!") + "}",
        "{\"key\":" + good.replace(",\"qi\":", ",\"x\":") + "}",
        "{\"key\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AQ\",\"y\":\"Ag\",\"d\":\"Aw\"}}",
        "{\"key\":" + good + ",\"Hsm\":\"yes\"}", "{\"key\":" + good + ",\"attributes\":{\"nbf\":5000,\"exp\":10}}")) {
      assertError(call("PUT", "/keys/never-imported?api-version=7.6", body), 400, "BadParameter");
    }
    assertError(call("GET", "/keys/never-imported?api-version=7.6", null), 404, "KeyNotFound");
    HttpResponse<String> ok = call("PUT", "/keys/imported?api-version=7.6", "{\"key\":" + good
        + ",\"attributes\":{\"enabled\":false},\"tags\":{\"from\":\"hsm-export\"}}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(json(ok).path("key").path("kty").asText()).isEqualTo("RSA");
    assertThat(json(ok).path("key").has("d")).as("the private part is never returned").isFalse();
    assertThat(json(ok).path("attributes").path("enabled").asBoolean()).isFalse();
    assertThat(json(ok).path("tags").path("from").asText()).isEqualTo("hsm-export");
  }

  @Test
  void restore_badInput_badParameter_nothingStored() throws Exception {
    createRsa("kept");
    String backup = json(call("POST", "/keys/kept/backup?api-version=7.6", null)).path("value").asText();
    String foreign = b64("{\"format\":\"coffer-key-backup/1\",\"kek\":\"elsewhere\",\"key\":\"AA\",\"content\":\"AA\"}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String body : List.of("{}", "{\"value\":\"!!\"}", "{\"value\":\"" + b64(new byte[40]) + "\"}",
        "{\"value\":\"" + foreign + "\"}", "{\"value\":\"" + backup.substring(0, backup.length() - 8) + "\"}")) {
      assertError(call("POST", "/keys/restore?api-version=7.6", body), 400, "BadParameter");
    }
    // A backup may be larger than other bodies (every version of a key), up to 4 MiB.
    HttpResponse<String> large = call("POST", "/keys/restore?api-version=7.6", "{\"value\":\"" + "A".repeat(100_000) + "\"}");
    assertError(large, 400, "BadParameter");
    assertThat(json(large).path("error").path("message").asText()).contains("not a key backup");
    HttpResponse<String> tooLarge = call("POST", "/keys/restore?api-version=7.6",
        "{\"value\":\"" + "A".repeat(4 * 1024 * 1024) + "\"}");
    assertError(tooLarge, 400, "BadParameter");
    assertThat(json(tooLarge).path("error").path("message").asText()).contains("larger than 4096 KiB");
    assertError(call("POST", "/keys/restore?api-version=7.6", "{\"value\":\"" + backup + "\"}"), 409, "Conflict");
    assertThat(json(call("GET", "/keys/kept/versions?api-version=7.6", null)).path("value").size())
        .as("a refused restore adds no version").isEqualTo(1);
  }

  @Test
  void update_badInput_nothingChanges() throws Exception {
    JsonNode before = createRsa("unchanged");
    for (String body : List.of("{\"attributes\":{\"enabled\":\"no\"}}", "{\"key_ops\":[\"fly\"]}", "{oops",
        "{\"attributes\":{\"nbf\":5000,\"exp\":10}}", "{\"tags\":[1]}")) {
      assertError(call("PATCH", "/keys/unchanged?api-version=7.6", body), 400, "BadParameter");
    }
    JsonNode after = json(call("GET", "/keys/unchanged?api-version=7.6", null));
    assertThat(after).isEqualTo(before);
  }

  @Test
  void denial_policyFirewallRbac_forbiddenWithInnerCodes_andNothingChanges() throws Exception {
    createRsa("guarded");
    String strangerToken = server.token(server.stranger);
    HttpResponse<String> r = server.send("DELETE", base + "/keys/guarded?api-version=7.6", strangerToken, null);
    assertError(r, 403, "Forbidden");
    assertThat(json(r).path("error").path("innererror").path("code").asText()).isEqualTo("ForbiddenByPolicy");
    assertThat(json(r).path("error").path("message").asText()).contains("delete");
    assertThat(call("GET", "/keys/guarded?api-version=7.6", null).statusCode()).isEqualTo(200);

    server.authorizer.firewallDenies = true;
    try {
      r = call("GET", "/keys/guarded?api-version=7.6", null);
      assertError(r, 403, "Forbidden");
      assertThat(json(r).path("error").path("innererror").path("code").asText()).isEqualTo("ForbiddenByFirewall");
    } finally {
      server.authorizer.firewallDenies = false;
    }

    String registry = server.tokens.issue(Principal.systemIdentity(server.user.id(), "reg1", "reg-1"),
        VaultServer.RESOURCE, "access", Duration.ofHours(1), List.of());
    server.authorizer.firewallDenies = true;
    try {
      assertThat(server.send("GET", base + "/keys/guarded?api-version=7.6", registry, null).statusCode()).isEqualTo(200);
    } finally {
      server.authorizer.firewallDenies = false;
    }

    server.vaults.put(TestDoubles.Vaults.vault("rbac1", Vault.Sku.STANDARD, true, false, List.of()));
    String rbac = server.vaultUrl("rbac1");
    r = server.send("POST", rbac + "/keys/r1/create?api-version=7.6", token, "{\"kty\":\"RSA\"}");
    assertError(r, 403, "Forbidden");
    assertThat(json(r).path("error").path("innererror").path("code").asText()).isEqualTo("ForbiddenByRbac");
    server.authorizer.roleGrants.put(server.user.id(), Set.of(KeyPermission.CREATE, KeyPermission.WRAP_KEY));
    assertThat(server.send("POST", rbac + "/keys/r1/create?api-version=7.6", token, "{\"kty\":\"RSA\"}").statusCode())
        .isEqualTo(200);
    assertThat(server.send("POST", rbac + "/keys/r1//wrapkey?api-version=7.6", token,
        "{\"alg\":\"RSA-OAEP\",\"value\":\"AAAA\"}").statusCode()).isEqualTo(200);
    assertError(server.send("GET", rbac + "/keys/r1?api-version=7.6", token, null), 403, "Forbidden");
  }

  @Test
  void audit_everyAuthenticatedCall_recordedWithVersionUsed() throws Exception {
    JsonNode created = createRsa("audited");
    String kid = created.path("key").path("kid").asText();
    String version = kid.substring(kid.lastIndexOf('/') + 1);
    int before = server.audit.snapshot().size();
    call("POST", "/keys/audited//wrapkey?api-version=7.6", "{\"alg\":\"RSA-OAEP\",\"value\":\"AAAA\"}");
    server.send("DELETE", base + "/keys/audited?api-version=7.6", server.token(server.stranger), null);
    server.send("GET", base + "/keys/audited?api-version=7.6", null, null); // unauthenticated: not recorded
    call("POST", "/keys/audited//wrapkey?api-version=7.6", "{\"alg\":\"nope\",\"value\":\"AAAA\"}");
    List<AuditEvent> events = server.audit.snapshot().subList(before, server.audit.snapshot().size());
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).extracting(AuditEvent::operation, AuditEvent::keyName, AuditEvent::keyVersion,
        AuditEvent::result, AuditEvent::callerObjectId, AuditEvent::vaultName)
        .containsExactly("KeyWrap", "audited", version, "200", server.user.id(), "vault1");
    assertThat(events.get(0).clientIp()).isEqualTo("127.0.0.1");
    assertThat(events.get(1)).extracting(AuditEvent::operation, AuditEvent::result, AuditEvent::callerObjectId)
        .containsExactly("KeyDelete", "403 Forbidden", server.stranger.id());
    assertThat(events.get(2).result()).isEqualTo("400 BadParameter");
  }

  @Test
  void audit_thatCannotBeWritten_failsTheCallInsteadOfLeavingNoTrace() throws Exception {
    createRsa("untraced");
    server.audit.failing = true;
    try {
      HttpResponse<String> r = call("POST", "/keys/untraced//wrapkey?api-version=7.6",
          "{\"alg\":\"RSA-OAEP\",\"value\":\"AAAA\"}");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("audit log").doesNotContain("\"value\"");
    } finally {
      server.audit.failing = false;
    }
  }

  @Test
  void softDelete_conflictRecoverPurge_andPurgeProtection() throws Exception {
    createRsa("cycle");
    JsonNode deleted = json(call("DELETE", "/keys/cycle?api-version=7.6", null));
    assertThat(deleted.path("recoveryId").asText()).isEqualTo(base.replace("https://vault1", "https://vault1") + "/deletedkeys/cycle");
    assertThat(deleted.path("scheduledPurgeDate").asLong() - deleted.path("deletedDate").asLong()).isEqualTo(7 * 86400);
    assertError(call("GET", "/keys/cycle?api-version=7.6", null), 404, "KeyNotFound");
    assertError(call("POST", "/keys/cycle/create?api-version=7.6", "{\"kty\":\"RSA\"}"), 409, "Conflict");
    assertThat(json(call("GET", "/deletedkeys?api-version=7.6", null)).path("value").toString()).contains("/keys/cycle");
    assertThat(call("POST", "/deletedkeys/cycle/recover?api-version=7.6", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/keys/cycle?api-version=7.6", null).statusCode()).isEqualTo(200);
    call("DELETE", "/keys/cycle?api-version=7.6", null);
    HttpResponse<String> purged = call("DELETE", "/deletedkeys/cycle?api-version=7.6", null);
    assertThat(purged.statusCode()).isEqualTo(204);
    assertThat(purged.body()).isEmpty();
    assertError(call("GET", "/deletedkeys/cycle?api-version=7.6", null), 404, "KeyNotFound");
    assertThat(call("POST", "/keys/cycle/create?api-version=7.6", "{\"kty\":\"RSA\"}").statusCode()).isEqualTo(200);

    String premium = server.vaultUrl("premium1");
    server.send("POST", premium + "/keys/kept/create?api-version=7.6", token, "{\"kty\":\"RSA\"}");
    JsonNode d = Json.parse(server.send("DELETE", premium + "/keys/kept?api-version=7.6", token, null).body());
    assertThat(d.path("attributes").path("recoveryLevel").asText()).isEqualTo("CustomizedRecoverable");
    assertError(server.send("DELETE", premium + "/deletedkeys/kept?api-version=7.6", token, null), 403, "Forbidden");
    assertThat(server.send("GET", premium + "/deletedkeys/kept?api-version=7.6", token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void rsaHsm_premiumOnly_privateKeyStaysInToken() throws Exception {
    String premium = server.vaultUrl("premium1");
    HttpResponse<String> r = server.send("POST", premium + "/keys/hsm1/create?api-version=7.6", token,
        "{\"kty\":\"RSA-HSM\",\"key_size\":3072}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode key = Json.parse(r.body()).path("key");
    assertThat(key.path("kty").asText()).isEqualTo("RSA-HSM");
    Cipher oaep256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
    oaep256.init(Cipher.ENCRYPT_MODE, rsaPublic(key),
        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    byte[] dek = "0123456789abcdef0123456789abcdef".getBytes();
    r = server.send("POST", premium + "/keys/hsm1//unwrapkey?api-version=7.6", token,
        "{\"alg\":\"RSA-OAEP-256\",\"value\":\"" + b64(oaep256.doFinal(dek)) + "\"}");
    assertThat(Base64.getUrlDecoder().decode(Json.parse(r.body()).path("value").asText())).isEqualTo(dek);
    String alias = server.db.read(c -> io.coffer.storage.db.Sql.one(c,
        "SELECT hsm_alias FROM vault_key_versions WHERE name_key = 'hsm1' AND sealed_private_key IS NULL",
        rs -> rs.getString(1)).orElseThrow());
    assertThat(server.hsm.pairs).containsKey(alias);
    assertError(call("POST", "/keys/hsm2/create?api-version=7.6", "{\"kty\":\"RSA-HSM\"}"), 400, "BadParameter");
  }

  @Test
  void list_pagedWithAbsoluteNextLinkCarryingApiVersion() throws Exception {
    server.addVault("vault9", Vault.Sku.STANDARD, false);
    String v9 = server.vaultUrl("vault9");
    for (int i = 0; i < 5; i++) {
      server.send("POST", v9 + "/keys/page" + i + "/create?api-version=7.6", token, "{\"kty\":\"EC\"}");
    }
    List<String> kids = new java.util.ArrayList<>();
    String next = v9 + "/keys?api-version=7.3&maxresults=2";
    int pages = 0;
    while (next != null) {
      JsonNode page = Json.parse(server.send("GET", next, token, null).body());
      page.path("value").forEach(item -> kids.add(item.path("kid").asText()));
      next = page.path("nextLink").isNull() ? null : page.path("nextLink").asText();
      if (next != null) assertThat(next).startsWith(v9 + "/keys?api-version=7.3&").contains("maxresults=2");
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(kids).containsExactly(v9 + "/keys/page0", v9 + "/keys/page1", v9 + "/keys/page2", v9 + "/keys/page3",
        v9 + "/keys/page4");
    assertError(server.send("GET", v9 + "/keys?api-version=7.6&maxresults=26", token, null), 400, "BadParameter");
    assertError(server.send("GET", v9 + "/keys?api-version=7.6&$skiptoken=!!", token, null), 400, "BadParameter");
  }

  @Test
  void rotationPolicy_defaultThenValidatedRoundTrip() throws Exception {
    createRsa("policy");
    JsonNode def = json(call("GET", "/keys/policy/rotationpolicy?api-version=7.6", null));
    assertThat(def.path("id").asText()).isEqualTo(base + "/keys/policy/rotationpolicy");
    assertThat(def.path("lifetimeActions").get(0).path("action").path("type").asText()).isEqualTo("Notify");
    for (String bad : List.of("{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"soon\"},\"action\":{\"type\":\"Rotate\"}}]}",
        "{\"lifetimeActions\":[{\"trigger\":{},\"action\":{\"type\":\"Rotate\"}}]}",
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P1D\"},\"action\":{\"type\":\"Explode\"}}]}",
        "{\"attributes\":{\"expiryTime\":\"P7D\"}}")) {
      assertError(call("PUT", "/keys/policy/rotationpolicy?api-version=7.6", bad), 400, "BadParameter");
    }
    JsonNode set = json(call("PUT", "/keys/policy/RotationPolicy?api-version=7.6",
        "{\"lifetimeActions\":[{\"trigger\":{\"timeAfterCreate\":\"P30D\"},\"action\":{\"type\":\"rotate\"}}],"
            + "\"attributes\":{\"expiryTime\":\"P90D\"}}"));
    assertThat(set.path("lifetimeActions").get(0).path("action").path("type").asText()).isEqualTo("Rotate");
    assertThat(set.path("attributes").path("expiryTime").asText()).isEqualTo("P90D");
    assertThat(json(call("GET", "/keys/policy/rotationpolicy?api-version=7.6", null))).isEqualTo(set);
  }

  private static String version(String kid) {
    return kid.substring(kid.lastIndexOf('/') + 1);
  }

  private static String encryptBody(String alg, byte[] value) {
    return "{\"alg\":\"" + alg + "\",\"value\":\"" + b64(value) + "\"}";
  }

  @Test
  void routes_sdkCasings_bodilessRotateAndRecover_patchLatestOrOneVersion() throws Exception {
    String kid1 = createRsa("casing").path("key").path("kid").asText();
    HttpResponse<String> r = call("POST", "/keys/casing/Rotate?api-version=7.6", null); // no body, no Content-Type
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String kid2 = json(r).path("key").path("kid").asText();
    assertThat(kid2).matches(java.util.regex.Pattern.quote(base) + "/keys/casing/[0-9a-f]{32}").isNotEqualTo(kid1);
    assertThat(json(call("GET", "/Keys/casing/Versions?api-version=7.6", null)).path("value").findValuesAsText("kid"))
        .containsExactlyInAnyOrder(kid1, kid2);

    r = call("PATCH", "/keys/casing/?api-version=7.6", "{\"key_ops\":[],\"tags\":{\"t\":\"latest\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("key").path("kid").asText()).isEqualTo(kid2);
    r = call("PATCH", "/keys/casing/" + version(kid1) + "?api-version=7.6", "{\"key_ops\":[],\"attributes\":{\"enabled\":false}}");
    assertThat(json(r).path("key").path("kid").asText()).isEqualTo(kid1);
    assertThat(json(call("GET", "/keys/casing/" + version(kid1) + "?api-version=7.6", null))
        .path("attributes").path("enabled").asBoolean()).isFalse();
    JsonNode current = json(call("GET", "/keys/casing/?api-version=7.6", null));
    assertThat(current.path("attributes").path("enabled").asBoolean()).isTrue();
    assertThat(current.path("tags").path("t").asText()).isEqualTo("latest");
    assertThat(call("GET", "/keys/casing/RotationPolicy?api-version=7.6", null).statusCode()).isEqualTo(200);

    assertThat(call("DELETE", "/keys/casing?api-version=7.6", null).statusCode()).isEqualTo(200);
    assertThat(json(call("GET", "/deletedKeys/casing?api-version=7.6", null)).path("recoveryId").asText())
        .isEqualTo(base + "/deletedkeys/casing");
    assertThat(json(call("GET", "/DeletedKeys?api-version=7.6", null)).path("value").findValuesAsText("recoveryId"))
        .contains(base + "/deletedkeys/casing");
    r = call("POST", "/deletedKeys/casing/Recover?api-version=7.6", null); // no body
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("key").path("kid").asText()).isEqualTo(kid2);
    assertThat(json(r).path("key").path("n").asText()).isNotEmpty();
  }

  @Test
  void create_sdkBodyWithAttributesAndTags_roundTrips() throws Exception {
    long nbf = Instant.now().minusSeconds(60).getEpochSecond();
    long exp = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
    HttpResponse<String> r = call("POST", "/keys/sdk-body/create?api-version=7.6", "{\"kty\":\"RSA\",\"key_size\":3072,"
        + "\"public_exponent\":0,\"key_ops\":[\"wrapKey\",\"unwrapKey\",\"encrypt\",\"decrypt\"],\"attributes\":"
        + "{\"enabled\":false,\"nbf\":" + nbf + ",\"exp\":" + exp + ",\"exportable\":false},\"tags\":{\"purpose\":\"cmk\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode b = json(r);
    assertThat(b.path("key").path("kty").asText()).isEqualTo("RSA");
    assertThat(b.path("key").path("key_ops").toString()).isEqualTo("[\"wrapKey\",\"unwrapKey\",\"encrypt\",\"decrypt\"]");
    assertThat(Base64.getUrlDecoder().decode(b.path("key").path("n").asText())).hasSize(384);
    assertThat(b.path("attributes").path("enabled").asBoolean()).isFalse();
    assertThat(b.path("attributes").path("nbf").asLong()).isEqualTo(nbf);
    assertThat(b.path("attributes").path("exp").asLong()).isEqualTo(exp);
    assertThat(b.path("tags").toString()).isEqualTo("{\"purpose\":\"cmk\"}");
    assertThat(json(call("GET", "/keys/sdk-body?api-version=7.6", null))).isEqualTo(b);
  }

  @Test
  void wireFormat_base64urlWithoutPadding_epochSecondTimes_jsonContentType() throws Exception {
    java.util.regex.Pattern b64url = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");
    long now = Instant.now().getEpochSecond();
    HttpResponse<String> r = call("POST", "/keys/wire/create?api-version=7.6", "{\"kty\":\"RSA\",\"attributes\":{\"exp\":"
        + (now + 86400) + "}}");
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    JsonNode b = json(r);
    // A 2048-bit modulus and ciphertext are 256 bytes: padded base64 would end in "==".
    assertThat(b.path("key").path("n").asText()).matches(b64url);
    assertThat(b.path("key").path("e").asText()).isEqualTo("AQAB");
    for (String field : List.of("created", "updated", "exp")) {
      JsonNode t = b.path("attributes").path(field);
      assertThat(t.isIntegralNumber()).as(field).isTrue();
      assertThat(t.asLong()).as(field).isBetween(now - 60, now + 86400 + 60);
    }
    JsonNode wrapped = json(call("POST", "/keys/wire//wrapkey?api-version=7.6", encryptBody("RSA-OAEP", new byte[16])));
    assertThat(wrapped.path("value").asText()).matches(b64url).hasSize(342);
    assertThat(wrapped.path("kid").asText()).isEqualTo(b.path("key").path("kid").asText());
    JsonNode policy = json(call("PUT", "/keys/wire/rotationpolicy?api-version=7.6", "{\"attributes\":{\"expiryTime\":\"P90D\"}}"));
    assertThat(policy.path("attributes").path("created").isIntegralNumber()).isTrue();
    assertThat(policy.path("attributes").path("updated").asLong()).isBetween(now - 60, now + 60);
    JsonNode deleted = json(call("DELETE", "/keys/wire?api-version=7.6", null));
    for (String field : List.of("deletedDate", "scheduledPurgeDate")) {
      assertThat(deleted.path(field).isIntegralNumber()).as(field).isTrue();
    }
    assertThat(deleted.path("deletedDate").asLong()).isBetween(now - 60, now + 60);
  }

  @Test
  void window_beforeNbf_encryptWrapSignRefused_decryptUnwrapVerifyAllowed() throws Exception {
    createRsa("notyet");
    byte[] dek = "0123456789abcdef".getBytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(dek);
    String wrapped = json(call("POST", "/keys/notyet//wrapkey?api-version=7.6", encryptBody("RSA-OAEP", dek))).path("value").asText();
    String encrypted = json(call("POST", "/keys/notyet//encrypt?api-version=7.6", encryptBody("RSA1_5", dek))).path("value").asText();
    String sig = json(call("POST", "/keys/notyet//sign?api-version=7.6", "{\"alg\":\"RS256\",\"value\":\"" + b64(digest) + "\"}"))
        .path("value").asText();
    long future = Instant.now().plusSeconds(3600).getEpochSecond();
    assertThat(call("PATCH", "/keys/notyet?api-version=7.6", "{\"key_ops\":[],\"attributes\":{\"nbf\":" + future + "}}")
        .statusCode()).isEqualTo(200);

    HttpResponse<String> r = call("POST", "/keys/notyet//wrapkey?api-version=7.6", encryptBody("RSA-OAEP", dek));
    assertError(r, 403, "Forbidden");
    assertThat(json(r).path("error").path("message").asText()).contains("wrapKey").contains("nbf");
    assertError(call("POST", "/keys/notyet//encrypt?api-version=7.6", encryptBody("RSA1_5", dek)), 403, "Forbidden");
    assertError(call("POST", "/keys/notyet//sign?api-version=7.6", "{\"alg\":\"RS256\",\"value\":\"" + b64(digest) + "\"}"),
        403, "Forbidden");

    r = call("POST", "/keys/notyet//unwrapkey?api-version=7.6", "{\"alg\":\"RSA-OAEP\",\"value\":\"" + wrapped + "\"}");
    assertThat(Base64.getUrlDecoder().decode(json(r).path("value").asText())).isEqualTo(dek);
    r = call("POST", "/keys/notyet//decrypt?api-version=7.6", "{\"alg\":\"RSA1_5\",\"value\":\"" + encrypted + "\"}");
    assertThat(Base64.getUrlDecoder().decode(json(r).path("value").asText())).isEqualTo(dek);
    r = call("POST", "/keys/notyet//verify?api-version=7.6", "{\"alg\":\"RS256\",\"digest\":\"" + b64(digest)
        + "\",\"value\":\"" + sig + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).path("value").asBoolean()).isTrue();
  }

  @Test
  void list_versionsAndDeletedKeys_pagedWithNextLinkCarryingApiVersion() throws Exception {
    server.addVault("vault8", Vault.Sku.STANDARD, false);
    String v8 = server.vaultUrl("vault8");
    List<String> versions = new java.util.ArrayList<>();
    versions.add(Json.parse(server.send("POST", v8 + "/keys/paged/create?api-version=7.6", token, "{\"kty\":\"EC\"}").body())
        .path("key").path("kid").asText());
    for (int i = 0; i < 2; i++) {
      versions.add(Json.parse(server.send("POST", v8 + "/keys/paged/rotate?api-version=7.6", token, null).body())
          .path("key").path("kid").asText());
    }
    assertThat(follow(v8 + "/keys/paged/versions?api-version=7.2&maxresults=1", v8 + "/keys/paged/versions?api-version=7.2&",
        "kid")).containsExactlyInAnyOrderElementsOf(versions);

    for (String name : List.of("gone1", "gone2")) {
      server.send("POST", v8 + "/keys/" + name + "/create?api-version=7.6", token, "{\"kty\":\"EC\"}");
      server.send("DELETE", v8 + "/keys/" + name + "?api-version=7.6", token, null);
    }
    List<JsonNode> items = new java.util.ArrayList<>();
    String next = v8 + "/deletedkeys?api-version=7.4&maxresults=1";
    while (next != null) {
      JsonNode page = Json.parse(server.send("GET", next, token, null).body());
      assertThat(page.path("value")).hasSize(1);
      page.path("value").forEach(items::add);
      next = page.path("nextLink").isNull() ? null : page.path("nextLink").asText();
      if (next != null) assertThat(next).startsWith(v8 + "/deletedkeys?api-version=7.4&");
    }
    assertThat(items).extracting(i -> i.path("kid").asText()).containsExactly(v8 + "/keys/gone1", v8 + "/keys/gone2");
    assertThat(items).extracting(i -> i.path("recoveryId").asText())
        .containsExactly(v8 + "/deletedkeys/gone1", v8 + "/deletedkeys/gone2");
    assertThat(items).allSatisfy(i -> {
      assertThat(i.path("deletedDate").isIntegralNumber()).isTrue();
      assertThat(i.path("scheduledPurgeDate").asLong() - i.path("deletedDate").asLong()).isEqualTo(7 * 86400);
      assertThat(i.path("attributes").path("recoveryLevel").asText()).isEqualTo("CustomizedRecoverable+Purgeable");
    });
  }

  /** Follows nextLink from {@code first}; every nextLink must start with {@code prefix}. Collects {@code field} of each item. */
  private static List<String> follow(String first, String prefix, String field) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    String next = first;
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = server.send("GET", next, token, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode page = json(r);
      page.path("value").forEach(item -> out.add(item.path(field).asText()));
      next = page.path("nextLink").isNull() ? null : page.path("nextLink").asText();
      if (next != null) assertThat(next).startsWith(prefix);
      pages++;
    }
    assertThat(pages).isEqualTo(out.size());
    return out;
  }

  @Test
  void errors_keyVaultShapeCodesAndMessages() throws Exception {
    HttpResponse<String> r = call("GET", "/keys/nosuch?api-version=7.6", null);
    assertError(r, 404, "KeyNotFound");
    assertThat(json(r).path("error").path("message").asText())
        .startsWith("A key with (name/id) nosuch was not found in this key vault.");
    assertThat(json(r).fieldNames()).toIterable().containsExactly("error");
    assertThat(json(r).path("error").fieldNames()).toIterable().containsExactly("code", "message");
    for (String[] c : List.of(new String[] {"GET", "/deletedkeys/nosuch"}, new String[] {"GET", "/keys/nosuch/versions"},
        new String[] {"POST", "/keys/nosuch/rotate"}, new String[] {"GET", "/keys/nosuch/rotationpolicy"},
        new String[] {"POST", "/deletedkeys/nosuch/recover"}, new String[] {"DELETE", "/deletedkeys/nosuch"},
        new String[] {"DELETE", "/keys/nosuch"})) {
      assertError(call(c[0], c[1] + "?api-version=7.6", null), 404, "KeyNotFound");
    }
    assertError(call("POST", "/keys/nosuch//unwrapkey?api-version=7.6", encryptBody("RSA-OAEP", new byte[256])),
        404, "KeyNotFound");

    createRsa("reused");
    call("DELETE", "/keys/reused?api-version=7.6", null);
    r = call("POST", "/keys/reused/create?api-version=7.6", "{\"kty\":\"RSA\"}");
    assertError(r, 409, "Conflict");
    assertThat(json(r).path("error").path("message").asText())
        .contains("is currently in a deleted but recoverable state, and its name cannot be reused");
    assertThat(json(call("GET", "/deletedkeys/reused?api-version=7.6", null)).path("key").path("n").asText()).isNotEmpty();
  }

  @Test
  void ids_builtFromTheVaultUri_notFromTheHostHeader() throws Exception {
    String kid = createRsa("canonical").path("key").path("kid").asText();
    String answer = server.rawExchange("GET /keys/canonical/?api-version=7.6 HTTP/1.1\r\n"
        + "Host: VAULT1.Vault.LocalHost.:1\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200");
    JsonNode b = Json.parse(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1));
    assertThat(b.path("key").path("kid").asText()).isEqualTo(kid).startsWith(base + "/keys/canonical/");
  }
}
