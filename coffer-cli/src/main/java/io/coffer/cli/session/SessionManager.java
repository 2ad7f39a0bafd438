package io.coffer.cli.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.cli.CliContext;
import io.coffer.cli.CliException;
import io.coffer.cli.http.Auth;
import io.coffer.cli.http.CofferHttpClient;
import io.coffer.cli.http.ConnectionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The logged-in session of this invocation: loads it, builds the HTTP client for its server, and
 * hands out access tokens, refreshing them (and saving the result) when they expire within 60 s.
 */
public final class SessionManager implements TokenSource {
  public static final String LOGIN_HINT = "Please run 'coffer login' to setup account.";
  static final long REFRESH_MARGIN_SECONDS = 60;

  private final CliContext ctx;
  private final SessionStore store;
  private Session session;
  private CofferHttpClient http;

  public SessionManager(CliContext ctx) {
    this.ctx = ctx;
    this.store = new SessionStore(ctx.configDir());
  }

  public SessionStore store() {
    return store;
  }

  /** The session, or the az-style "please log in" error. */
  public Session require() {
    if (session == null) session = store.load().orElseThrow(() -> new CliException(LOGIN_HINT));
    return session;
  }

  public CofferHttpClient http() {
    if (http == null) {
      Session s = require();
      http = CofferHttpClient.create(s.server(), caFiles(s.caFile(), ctx), ctx.log());
    }
    return http;
  }

  @Override
  public String accessToken() {
    return fresh().accessToken();
  }

  /** The session with an access token valid for at least another minute. */
  public Session fresh() {
    Session s = require();
    long now = ctx.clock().instant().getEpochSecond();
    if (s.expiresOn() - now > REFRESH_MARGIN_SECONDS) return s;
    if (s.refreshToken() == null) {
      throw new CliException("The access token has expired. " + LOGIN_HINT);
    }
    ctx.log().debug("Access token expires at " + s.expiresOn() + "; refreshing it.");
    TokenClient.Grant grant;
    try {
      grant = new TokenClient(http()).refresh(s.refreshToken());
    } catch (ConnectionException e) {
      throw e;
    } catch (CliException e) {
      throw new CliException("Could not refresh the access token: " + e.getMessage() + "\n" + LOGIN_HINT);
    }
    session = s.withTokens(grant.accessToken(),
        grant.refreshToken() != null ? grant.refreshToken() : s.refreshToken(), now + grant.expiresIn());
    store.save(session);
    return session;
  }

  /**
   * A token of the signed-in principal for another audience (a vault's {@code https://vault.localhost},
   * or any {@code --resource}/{@code --scope} of {@code account get-access-token}). Not saved: it
   * is short-lived and asked for again by the next command.
   */
  public TokenClient.Grant resourceToken(String resource, String scope) {
    Session s = require();
    if (s.refreshToken() == null) throw new CliException("The session has no refresh token. " + LOGIN_HINT);
    try {
      return new TokenClient(http()).forResource(s.refreshToken(), resource, scope);
    } catch (ConnectionException e) {
      throw e;
    } catch (CliException e) {
      throw new CliException("Could not get a token for '" + (resource != null ? resource : scope) + "': "
          + e.getMessage(), e.exitCode());
    }
  }

  /** A client of another origin of the same deployment (a vault), trusting the same CAs. */
  public CofferHttpClient httpFor(String origin) {
    return CofferHttpClient.create(origin, caFiles(require().caFile(), ctx), ctx.log());
  }

  /** The result of a login: the saved session and the subscriptions the user can see. */
  public record Login(Session session, List<JsonNode> subscriptions) {}

  /**
   * Exchanges the password for tokens, reads the user's subscriptions, and saves a session on the
   * first one (the default, as az does).
   */
  public Login login(String server, String username, String password, Path caFile) {
    String ca = null;
    if (caFile != null) {
      Path abs = caFile.toAbsolutePath().normalize();
      if (!Files.isReadable(abs)) throw new CliException("CA file '" + caFile + "' cannot be read.");
      io.coffer.cli.http.TlsTrust.readPem(abs);
      ca = abs.toString();
    }
    CofferHttpClient client = CofferHttpClient.create(server, caFiles(ca, ctx), ctx.log());
    TokenClient.Grant grant = new TokenClient(client).password(username, password);
    JsonNode subs = client.exchange("GET", client.url("/subscriptions?api-version=2022-12-01"),
        Auth.bearer(grant.accessToken()), null, null).json();
    List<JsonNode> list = new ArrayList<>();
    if (subs != null && subs.path("value").isArray()) subs.get("value").forEach(list::add);
    if (list.isEmpty()) {
      throw new CliException("No subscriptions found for '" + username + "' on " + client.serverText() + ".");
    }
    JsonNode first = list.get(0);
    long now = ctx.clock().instant().getEpochSecond();
    Session saved = new Session(client.serverText(), username, grant.accessToken(), grant.refreshToken(),
        now + grant.expiresIn(), subscriptionId(first), first.path("displayName").asText(null),
        first.path("state").asText("Enabled"), first.path("tenantId").asText(null), ca);
    store.save(saved);
    session = saved;
    http = client;
    return new Login(saved, list);
  }

  /** A subscription's id from a {@code /subscriptions} list entry. */
  public static String subscriptionId(JsonNode sub) {
    if (sub.path("subscriptionId").isTextual()) return sub.get("subscriptionId").textValue();
    String id = sub.path("id").asText("");
    return id.substring(id.lastIndexOf('/') + 1);
  }

  /** The CA file saved at login plus {@code $COFFER_CA_BUNDLE}. */
  static List<Path> caFiles(String sessionCa, CliContext ctx) {
    List<Path> files = new ArrayList<>();
    if (sessionCa != null) files.add(Path.of(sessionCa));
    String bundle = ctx.env("COFFER_CA_BUNDLE");
    if (bundle != null) files.add(Path.of(bundle));
    return files;
  }
}
