package io.coffer.vault.http;

import io.coffer.common.Json;
import io.coffer.common.PublicUrl;
import io.coffer.vault.access.Caller;
import io.coffer.vault.access.VaultAuthorizer;
import io.coffer.vault.audit.AuditEvent;
import io.coffer.vault.audit.AuditLog;
import io.coffer.vault.keys.KeyException;
import io.coffer.vault.vaults.Vault;
import io.coffer.vault.vaults.VaultAddresses;
import io.coffer.vault.vaults.VaultDirectory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault data plane's HTTP edge. Takes every request whose Host names a vault
 * ({@code {vault}.{vault domain}}) before any other route, and answers it in this order: vault
 * (404), api-version (400), bearer token (401 with the challenge; checked before the body, which
 * the SDK leaves out of its first request), route (400), permission and firewall (403), then the
 * operation. Every answer after authentication, success or refusal, goes to the audit log with
 * the key version it concerned.
 */
public final class VaultEdge {
  private static final Logger LOG = LoggerFactory.getLogger(VaultEdge.class);

  private final VaultDirectory directory;
  private final VaultAuthorizer authorizer;
  private final AuditLog audit;
  private final VaultAddresses addresses;
  private final PublicUrl publicUrl;
  private final BearerAuthentication authentication;
  private final KeyHandlers handlers;
  private final Clock clock;

  public VaultEdge(VaultDirectory directory, VaultAuthorizer authorizer, AuditLog audit,
      io.coffer.identity.TokenService tokens, VaultAddresses addresses, PublicUrl publicUrl,
      io.coffer.vault.keys.application.KeyService keys, io.coffer.vault.keys.application.KeyCryptography crypto,
      Clock clock) {
    this.directory = directory;
    this.authorizer = authorizer;
    this.audit = audit;
    this.addresses = addresses;
    this.publicUrl = publicUrl;
    this.authentication = new BearerAuthentication(tokens, addresses);
    this.handlers = new KeyHandlers(keys, crypto, new KeyWire(addresses));
    this.clock = clock;
  }

  /**
   * Mounts the edge as a before-handler: for vault hosts it answers and skips every other handler
   * (routes and 404 handling of the other areas); other hosts pass through untouched.
   */
  public void register(Javalin app) {
    app.before(this::handle);
  }

  void handle(Context ctx) {
    Optional<String> vaultName = addresses.vaultNameOf(ctx.host());
    if (vaultName.isEmpty()) return;
    ctx.skipRemainingHandlers();
    String method = ctx.method().name();
    String path = ctx.req().getRequestURI();
    Vault vault = null;
    Caller caller = null;
    Route route = null;
    String keyVersion = null;
    String keyName = null;
    String result;
    ctx.header("x-ms-request-id", UUID.randomUUID().toString());
    try {
      vault = directory.activeByName(vaultName.get()).orElseThrow(() -> new VaultHttpException(404, "VaultNotFound",
          "The vault '" + vaultName.get() + "' does not exist.", false));
      String apiVersion = ApiVersions.check(ctx.queryParam("api-version"));
      caller = authentication.authenticate(ctx);
      route = Route.match(method, path);
      keyName = route.name();
      keyVersion = route.version() == null || route.version().isEmpty() ? null : route.version();
      authorizer.authorize(vault, caller, route.operation().permission, route.name());
      int maxBody = route.operation().maxBody;
      KeyHandlers.Reply reply = handlers.handle(vault, route,
          new KeyHandlers.Incoming(apiVersion, ctx::queryParam, () -> body(ctx, maxBody)));
      if (reply.keyVersion() != null) keyVersion = reply.keyVersion();
      if (reply.keyName() != null) keyName = reply.keyName();
      write(ctx, reply.status(), reply.body() == null ? null : Json.bytes(reply.body()));
      result = String.valueOf(reply.status());
    } catch (Exception e) {
      VaultErrors.WireError error = VaultErrors.of(e, vault, caller,
          route == null ? null : route.operation().permission, method, path);
      if (e instanceof KeyException k && k.keyVersion() != null) keyVersion = k.keyVersion();
      if (e instanceof KeyException k && k.keyName() != null) keyName = k.keyName();
      if (error.status() == 401) ctx.header("WWW-Authenticate", authentication.challenge(serverBase(ctx), vault.tenantId()));
      write(ctx, error.status(), Json.bytes(error.body()));
      result = error.auditResult();
    }
    if (caller != null) record(ctx, vault, caller, route, keyName, keyVersion, result);
  }

  /**
   * Records the call. The response is not sent yet: when the record cannot be written the caller
   * gets a 500 instead, so no key is used without a trace of it.
   */
  private void record(Context ctx, Vault vault, Caller caller, Route route, String keyName, String keyVersion,
      String result) {
    try {
      audit.record(new AuditEvent(clock.instant(), caller.objectId(), caller.clientIp(), vault.name(),
          keyName, keyVersion, route == null ? "Unsupported" : route.operation().auditName,
          result));
    } catch (RuntimeException e) {
      LOG.error("audit record failed for vault {}: {}", vault.name(), e.toString());
      write(ctx, 500, Json.bytes(java.util.Map.of("error", java.util.Map.of("code", "InternalError",
          "message", "The operation could not be recorded in the vault's audit log; try again later."))));
    }
  }

  private static void write(Context ctx, int status, byte[] body) {
    ctx.status(status);
    if (body != null) ctx.contentType("application/json; charset=utf-8").result(body);
  }

  /** Reads at most {@code max} bytes; a larger body is a bad parameter and is not parsed. */
  private static byte[] body(Context ctx, int max) {
    if (ctx.req().getContentLengthLong() > max) throw tooLarge(max);
    try {
      byte[] b = ctx.req().getInputStream().readNBytes(max + 1);
      if (b.length > max) throw tooLarge(max);
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyException tooLarge(int max) {
    return KeyException.badParameter("The request body is larger than " + max / 1024 + " KiB.");
  }

  /** The server's own address for the challenge's authorization URI: the public URL, else the vault domain host. */
  private String serverBase(Context ctx) {
    String host = ctx.host();
    int dot = host.indexOf('.');
    return publicUrl.base(ctx.scheme(), dot > 0 ? host.substring(dot + 1) : host);
  }
}
