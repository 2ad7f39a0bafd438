package io.coffer.vault.kek;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.http.HostBoundTrustManager;
import io.coffer.common.http.LoopbackRoute;
import io.coffer.vault.kek.KeyAccessException.Cause;
import io.coffer.vault.vaults.VaultAddresses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client of the vault data plane over HTTP, as any other vault client: {@code GET keys/{n}[/{v}]},
 * {@code POST keys/{n}/{v}/wrapkey|unwrapkey} with RSA-OAEP-256, a bearer token per call. So the
 * vault's access policies, roles, firewall and audit log apply to the caller like to anyone else.
 *
 * <p>Requests go to {@link VaultAddresses#vaultUri}, never to a host taken from a key id.
 * {@code *.localhost} vault hosts are reached on 127.0.0.1 ({@link LoopbackRoute}) with the name in
 * the Host header, the SNI and the certificate check. Refusals become {@link KeyAccessException}s
 * whose cause is typed and whose message keeps the vault's own words.
 */
public final class VaultKeyClient {
  static final String API_VERSION = "7.4";
  private static final String ALGORITHM = "RSA-OAEP-256";

  static {
    // Before any java.net.http class reads it: lets *.localhost requests carry their Host header.
    LoopbackRoute.allowHostHeader();
  }

  /** What the vault says of a key version. */
  public record KeyInfo(String kid, String keyType, boolean enabled, List<String> operations) {
    public boolean isRsa() {
      return keyType.equalsIgnoreCase("RSA") || keyType.equalsIgnoreCase("RSA-HSM");
    }
  }

  /** A wrapped value and the versioned id of the key that wrapped it. */
  public record Wrapped(String kid, byte[] value) {}

  private final VaultAddresses addresses;
  private final X509ExtendedTrustManager trust;
  private final Duration timeout;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  /**
   * @param trust the CAs an https vault's certificate may chain to (the JDK's and the server's own);
   *     unused when the vaults are served over plain http
   */
  public VaultKeyClient(VaultAddresses addresses, X509ExtendedTrustManager trust, Duration timeout) {
    this.addresses = addresses;
    this.trust = trust;
    this.timeout = timeout;
  }

  /** The resource a token must be issued for to call the vaults. */
  public String resource() {
    return addresses.resource();
  }

  public String domain() {
    return addresses.domain();
  }

  /** The key version (the latest when {@code id} is versionless). */
  public KeyInfo get(VaultKeyId id, AccessTokenSource tokens) throws KeyAccessException {
    JsonNode body = call("GET", id, "", null, tokens);
    JsonNode key = body.path("key");
    List<String> ops = new ArrayList<>();
    key.path("key_ops").forEach(o -> ops.add(o.asText()));
    return new KeyInfo(key.path("kid").asText(), key.path("kty").asText(),
        body.path("attributes").path("enabled").asBoolean(false), List.copyOf(ops));
  }

  public Wrapped wrap(VaultKeyId id, byte[] dataKey, AccessTokenSource tokens) throws KeyAccessException {
    JsonNode body = call("POST", id, "/wrapkey", crypt(dataKey), tokens);
    return new Wrapped(body.path("kid").asText(), value(body, id));
  }

  public byte[] unwrap(VaultKeyId id, byte[] wrapped, AccessTokenSource tokens) throws KeyAccessException {
    return value(call("POST", id, "/unwrapkey", crypt(wrapped), tokens), id);
  }

  private static byte[] crypt(byte[] value) {
    return Json.bytes(Map.of("alg", ALGORITHM, "value", Base64.getUrlEncoder().withoutPadding().encodeToString(value)));
  }

  private static byte[] value(JsonNode body, VaultKeyId id) throws KeyAccessException {
    try {
      return Base64.getUrlDecoder().decode(body.path("value").asText(""));
    } catch (IllegalArgumentException e) {
      throw new KeyAccessException(Cause.UNREACHABLE, "The vault '" + id.vaultName() + "' answered with a value "
          + "that is not base64url.", e);
    }
  }

  private JsonNode call(String method, VaultKeyId id, String action, byte[] body, AccessTokenSource tokens)
      throws KeyAccessException {
    String token = tokens.token();
    URI target = URI.create(addresses.vaultUri(id.vaultName()) + id.path() + action + "?api-version=" + API_VERSION);
    boolean loopback = LoopbackRoute.applies(target.getHost());
    HttpRequest.Builder request = HttpRequest.newBuilder(loopback ? LoopbackRoute.wire(target) : target)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) request.header("Content-Type", "application/json");
    if (loopback) request.header("Host", LoopbackRoute.hostHeader(target));
    HttpResponse<byte[]> response;
    try {
      response = client(target).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new KeyAccessException(Cause.UNREACHABLE, "The vault '" + id.vaultName() + "' cannot be reached at "
          + addresses.vaultUri(id.vaultName()) + ": " + innermost(e) + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyAccessException(Cause.UNREACHABLE, "Interrupted while calling the vault '" + id.vaultName() + "'.");
    }
    if (response.statusCode() / 100 == 2) {
      try {
        return Json.parse(response.body());
      } catch (IllegalArgumentException e) {
        throw new KeyAccessException(Cause.UNREACHABLE, "The vault '" + id.vaultName() + "' answered "
            + response.statusCode() + " without a JSON body.", e);
      }
    }
    throw refusal(id, response);
  }

  /** The vault's refusal, typed; the message starts with what it means and ends with the vault's words. */
  static KeyAccessException refusal(VaultKeyId id, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String code = "";
    String inner = "";
    String message = new String(response.body(), StandardCharsets.UTF_8);
    try {
      JsonNode error = Json.parse(response.body()).path("error");
      code = error.path("code").asText("");
      inner = error.path("innererror").path("code").asText("");
      message = error.path("message").asText(message);
    } catch (IllegalArgumentException notJson) {
      // keep the raw text
    }
    String said = " The vault said (" + status + " " + (inner.isEmpty() ? code : code + "/" + inner) + "): "
        + message.strip();
    String key = "key '" + id.keyName() + "'" + (id.versioned() ? " version '" + id.version() + "'" : "")
        + " of vault '" + id.vaultName() + "'";
    if (status == 403 && inner.equalsIgnoreCase("ForbiddenByFirewall")) {
      return new KeyAccessException(Cause.ACCESS_DENIED, "The firewall of vault '" + id.vaultName()
          + "' refuses the call: the caller is neither an allowed address nor a trusted service." + said);
    }
    if (status == 403 && inner.equalsIgnoreCase("ForbiddenByPolicy")) {
      return new KeyAccessException(Cause.ACCESS_DENIED, "Access to the " + key + " is denied by the vault's "
          + "access policies (no policy grants the identity this permission)." + said);
    }
    if (status == 403 && inner.equalsIgnoreCase("ForbiddenByRbac")) {
      return new KeyAccessException(Cause.ACCESS_DENIED, "Access to the " + key + " is denied by the vault's "
          + "role assignments (no role grants the identity this permission)." + said);
    }
    if (status == 403 && message.toLowerCase(Locale.ROOT).contains("disabled")) {
      return new KeyAccessException(Cause.KEY_DISABLED, "The " + key + " is disabled." + said);
    }
    if (status == 403 || status == 401) {
      return new KeyAccessException(Cause.ACCESS_DENIED, "The vault refuses the use of the " + key + "." + said);
    }
    if (status == 404) {
      return new KeyAccessException(Cause.KEY_NOT_FOUND, "The " + key + " does not exist (or was deleted)." + said);
    }
    if (status == 400) {
      return new KeyAccessException(Cause.INVALID_WRAPPED_KEY, "The vault cannot use the " + key
          + " for this value." + said);
    }
    return new KeyAccessException(Cause.UNREACHABLE, "The vault '" + id.vaultName() + "' failed to answer." + said);
  }

  private HttpClient client(URI target) {
    boolean https = target.getScheme().equalsIgnoreCase("https");
    String host = target.getHost().toLowerCase(Locale.ROOT);
    return clients.computeIfAbsent(https ? host : "", h -> build(https, host));
  }

  private HttpClient build(boolean https, String host) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (https) {
      try {
        // Each vault host gets its own context: the certificate must name that host, not only 127.0.0.1.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new HostBoundTrustManager(trust, host)}, null);
        builder.sslContext(context);
        if (LoopbackRoute.applies(host)) builder.sslParameters(LoopbackRoute.sslParameters(host));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS for " + host, e);
      }
    }
    return builder.build();
  }

  private static String innermost(Throwable t) {
    String message = t.getClass().getSimpleName();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) message = c.getMessage();
    }
    return message;
  }
}
