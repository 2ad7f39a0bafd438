package io.coffer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * wrapKey and unwrapKey operations per second through a Coffer vault over HTTP (RSA-OAEP-256 of a
 * 32-byte data key, N clients), beside the JDK doing the same RSA-OAEP-256 on N threads in the
 * same process: wrap with the vault key's own public key, unwrap with a freshly generated key of
 * the same size (the vault never lets its private key out). Each HTTP call is a full server-side
 * operation: token check, authorization, the RSA operation and the audit record.
 */
final class VaultScenario {
  static final String OPS_S = "ops/s";
  private static final String API = "api-version=7.6";
  private static final int ROUNDS = 4;
  private static final OAEPParameterSpec OAEP_256 =
      new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private final Http http;
  private final String url;
  private final String username;
  private final String password;
  private final Consumer<String> log;

  VaultScenario(Http http, String url, String username, String password, Consumer<String> log) {
    this.http = http;
    this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.username = username;
    this.password = password;
    this.log = log;
  }

  /** Vault hosts are reached on the server's own address with the vault's name in the Host header. */
  static void allowHostHeader() {
    System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
  }

  /**
   * @param serverWarmupSeconds unmeasured wrap and unwrap calls before the first row, so a freshly
   *     started server is measured with its request path compiled, as it runs in production
   */
  void run(Report report, String vaultDomain, List<Integer> sizes, int clients, double seconds, double warmupSeconds,
      double serverWarmupSeconds) {
    String management = token(null);
    String subscription = call("GET", url + "/subscriptions?api-version=2022-12-01", null, management, null)
        .path("value").path(0).path("subscriptionId").asText();
    String group = url + "/subscriptions/" + subscription + "/resourceGroups/coffer-bench";
    call("PUT", group + "?api-version=2022-09-01", Map.of("location", "local"), management, null);
    String vaultName = "bench" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffffL);
    JsonNode vault = call("PUT", group + "/providers/Microsoft.KeyVault/vaults/" + vaultName + "?api-version=2023-07-01",
        Map.of("location", "local", "properties", Map.of("sku", Map.of("family", "A", "name", "standard"))),
        management, null);
    URI vaultUri = URI.create(vault.path("properties").path("vaultUri").asText());
    String host = vaultUri.getRawAuthority();
    String vaultToken = token("https://" + vaultDomain);
    log.accept("vault " + vaultName + " at " + vaultUri + ", " + clients + " clients, " + seconds + " s per row");
    try {
      for (int size : sizes) {
        JsonNode key = call("POST", url + "/keys/bench-" + size + "/create?" + API,
            Map.of("kty", "RSA", "key_size", size, "key_ops", List.of("wrapKey", "unwrapKey")), vaultToken, host);
        String kid = key.path("key").path("kid").asText();
        String keyPath = URI.create(kid).getRawPath();
        PublicKey vaultPublic = publicKey(key.path("key"));
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        String wrapBody = Json.string(Map.of("alg", "RSA-OAEP-256", "value", b64(dataKey)));
        String wrapped = call("POST", url + keyPath + "/wrapkey?" + API, Json.parse(wrapBody), vaultToken, host)
            .path("value").asText();
        String unwrapBody = Json.string(Map.of("alg", "RSA-OAEP-256", "value", wrapped));
        if (size == sizes.get(0) && serverWarmupSeconds > 0) {
          log.accept("warming the server up for " + serverWarmupSeconds + " s");
          measure("warm-up wrapKey", clients, 0, serverWarmupSeconds / 2,
              () -> expectOk(url + keyPath + "/wrapkey?" + API, wrapBody, vaultToken, host));
          measure("warm-up unwrapKey", clients, 0, serverWarmupSeconds / 2,
              () -> expectOk(url + keyPath + "/unwrapkey?" + API, unwrapBody, vaultToken, host));
        }

        KeyPair local = generate(size);
        byte[] locallyWrapped = rsa(Cipher.ENCRYPT_MODE, local.getPublic(), dataKey);
        double[] wrap = alternate("wrapKey RSA-" + size, clients, seconds, warmupSeconds,
            () -> expectOk(url + keyPath + "/wrapkey?" + API, wrapBody, vaultToken, host),
            () -> rsa(Cipher.ENCRYPT_MODE, vaultPublic, dataKey));
        double[] unwrap = alternate("unwrapKey RSA-" + size, clients, seconds, warmupSeconds,
            () -> expectOk(url + keyPath + "/unwrapkey?" + API, unwrapBody, vaultToken, host),
            () -> rsa(Cipher.DECRYPT_MODE, local.getPrivate(), locallyWrapped));
        add(report, "wrapKey RSA-" + size, wrap[0], wrap[1]);
        add(report, "unwrapKey RSA-" + size, unwrap[0], unwrap[1]);
      }
    } finally {
      call("DELETE", group + "?api-version=2022-09-01", null, management, null);
    }
  }

  private static void add(Report report, String name, double http, double raw) {
    report.add(new Report.Row(name + " http", http, OPS_S, true));
    report.add(new Report.Row(name + " JDK", raw, OPS_S, true));
    report.add(new Report.Row(name + " http/JDK", http / raw, "x", true));
  }

  interface Operation {
    void run() throws Exception;
  }

  /**
   * The HTTP and the in-process rates of one operation, measured in turns ({@link #ROUNDS} of each,
   * {@code seconds} in all for each) so that a change in the machine's speed during the run (CPU
   * frequency, neighbours) weighs on both alike. Only the first turn of each is preceded by
   * {@code warmupSeconds} unmeasured.
   */
  private double[] alternate(String name, int clients, double seconds, double warmupSeconds, Operation http,
      Operation jdk) {
    double httpOps = 0;
    double jdkOps = 0;
    double turn = seconds / ROUNDS;
    for (int round = 0; round < ROUNDS; round++) {
      double warmup = round == 0 ? warmupSeconds : 0;
      httpOps += measure(null, clients, turn, warmup, http) * turn;
      jdkOps += measure(null, clients, turn, warmup, jdk) * turn;
    }
    double[] rates = {httpOps / seconds, jdkOps / seconds};
    log.accept(String.format(java.util.Locale.ROOT, "%-28s %10.0f ops/s", name + " http", rates[0]));
    log.accept(String.format(java.util.Locale.ROOT, "%-28s %10.0f ops/s", name + " JDK", rates[1]));
    return rates;
  }

  private double measure(String name, int clients, double seconds, double warmupSeconds, Operation op) {
    LongAdder done = new LongAdder();
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    long end = warmupEnd + (long) (seconds * 1e9);
    Parallel.run(clients, (worker, stop) -> {
      while (!stop.requested()) {
        long now = System.nanoTime();
        if (now >= end) break;
        op.run();
        if (now >= warmupEnd) done.increment();
      }
    });
    if (seconds == 0) return 0;
    double rate = done.sum() / seconds;
    if (name != null) log.accept(String.format(java.util.Locale.ROOT, "%-28s %10.0f ops/s", name, rate));
    return rate;
  }

  private void expectOk(String target, String body, String token, String host) {
    HttpURLConnection c = http.open("POST", target, "Bearer " + token);
    try {
      c.setRequestProperty("Host", host);
      c.setRequestProperty("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      if (c.getResponseCode() != 200) {
        throw new BenchException("POST " + target + " → " + c.getResponseCode() + " " + Http.errorText(c));
      }
      Http.discard(c);
    } catch (IOException e) {
      throw new BenchException("POST " + target + ": " + e.getMessage(), e);
    }
  }

  private JsonNode call(String method, String target, Object body, String token, String host) {
    HttpURLConnection c = http.open(method, target, "Bearer " + token);
    try {
      if (host != null) c.setRequestProperty("Host", host);
      if (body != null) {
        byte[] bytes = Json.bytes(body);
        c.setRequestProperty("Content-Type", "application/json");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = c.getResponseCode();
      if (status >= 300) throw new BenchException(method + " " + target + " → " + status + " " + Http.errorText(c));
      byte[] response = c.getInputStream().readAllBytes();
      c.getInputStream().close();
      return response.length == 0 ? Json.object() : Json.parse(response);
    } catch (IOException e) {
      throw new BenchException(method + " " + target + ": " + e.getMessage(), e);
    }
  }

  /** A management token (resource null) or a token for a resource, by the password grant. */
  private String token(String resource) {
    String form = "grant_type=password&username=" + enc(username) + "&password=" + enc(password)
        + (resource == null ? "" : "&resource=" + enc(resource));
    HttpURLConnection c = http.open("POST", url + "/oauth2/token", null);
    try {
      byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(bytes);
      }
      if (c.getResponseCode() != 200) {
        throw new BenchException("sign-in as " + username + " failed: " + c.getResponseCode() + " " + Http.errorText(c));
      }
      return Json.parse(c.getInputStream().readAllBytes()).path("access_token").asText();
    } catch (IOException e) {
      throw new BenchException("sign-in: " + e.getMessage(), e);
    }
  }

  private static PublicKey publicKey(JsonNode jwk) {
    try {
      Base64.Decoder d = Base64.getUrlDecoder();
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          new BigInteger(1, d.decode(jwk.path("n").asText())), new BigInteger(1, d.decode(jwk.path("e").asText()))));
    } catch (GeneralSecurityException e) {
      throw new BenchException("the vault returned an unusable public key: " + e.getMessage(), e);
    }
  }

  private static KeyPair generate(int size) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(size);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] rsa(int mode, java.security.Key key, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      c.init(mode, key, OAEP_256);
      return c.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
