package io.coffer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.common.Json;
import io.coffer.common.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Authorization header to send, learnt from the registry's 401 challenge: Basic credentials,
 * or a Docker-style bearer token fetched from the challenge's realm for {@code
 * repository:NAME:pull,push}. Without credentials nothing is sent (anonymous access, or an
 * anonymous token if the realm grants one).
 */
final class Auth {
  /** Docker token spec: a token without {@code expires_in} lives 60 seconds. */
  private static final long DEFAULT_TOKEN_SECONDS = 60;

  private final Http http;
  private final String repository;
  private final String username;
  private final Secret password;

  private volatile String header;
  private volatile boolean expires; // true once a bearer token is in use
  private volatile long refreshAtNanos;
  private Challenge bearer; // guarded by this

  Auth(Http http, String repository, String username, Secret password) {
    this.http = http;
    this.repository = repository;
    this.username = username;
    this.password = password;
  }

  /** The header for the next request, refreshing a bearer token shortly before it expires. */
  String header() {
    if (expires && System.nanoTime() - refreshAtNanos > 0) {
      synchronized (this) {
        if (System.nanoTime() - refreshAtNanos > 0) {
          fetchToken("token refresh");
        }
      }
    }
    return header;
  }

  /**
   * Reacts to a 401. {@code sent} is the header the refused request carried: if another thread
   * has changed it since, that thread already handled the challenge and the caller just retries.
   */
  synchronized void onUnauthorized(String wwwAuthenticate, String sent, String request) {
    if (!Objects.equals(sent, header)) {
      return;
    }
    if (wwwAuthenticate == null || wwwAuthenticate.isBlank()) {
      throw new BenchException(request + " answered HTTP 401 without a WWW-Authenticate challenge");
    }
    Challenge challenge = Challenge.parse(wwwAuthenticate);
    switch (challenge.scheme()) {
      case "basic" -> {
        requireCredentials(request);
        expires = false;
        header = "Basic " + basic();
      }
      case "bearer" -> {
        if (challenge.param("realm") == null) {
          throw new BenchException(request + ": bearer challenge without realm: " + wwwAuthenticate);
        }
        bearer = challenge;
        fetchToken(request);
      }
      default -> throw new BenchException(
          request + ": unsupported authentication scheme: " + wwwAuthenticate);
    }
  }

  private void fetchToken(String request) {
    StringBuilder url = new StringBuilder(bearer.param("realm"));
    url.append(url.indexOf("?") < 0 ? '?' : '&');
    String service = bearer.param("service");
    if (service != null) {
      url.append("service=").append(encode(service)).append('&');
    }
    url.append("scope=").append(encode("repository:" + repository + ":pull,push"));
    String what = "GET " + bearer.param("realm") + " (token for " + request + ")";
    HttpURLConnection c = http.open("GET", url.toString(), username == null ? null : "Basic " + basic());
    c.setRequestProperty("Accept", "application/json");
    JsonNode body;
    try {
      int status = c.getResponseCode();
      if (status != 200) {
        throw new BenchException(what + " answered HTTP " + status + ": " + Http.errorText(c)
            + (username == null ? " (no --username/--password given)" : ""));
      }
      try (InputStream in = c.getInputStream()) {
        body = Json.parse(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new BenchException(what + ": " + e.getMessage(), e);
    }
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new BenchException(what + ": the answer holds neither \"token\" nor \"access_token\"");
    }
    long lifetime = body.path("expires_in").asLong(DEFAULT_TOKEN_SECONDS);
    // Refresh ahead of expiry: a streamed 1 GiB PUT refused midway could not be replayed cheaply.
    long margin = Math.min(10, lifetime / 2);
    refreshAtNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime - margin);
    header = "Bearer " + token;
    expires = true;
  }

  private void requireCredentials(String request) {
    if (username == null) {
      throw new BenchException(request + ": the registry asks for credentials; pass --username and --password");
    }
  }

  private String basic() {
    byte[] secret = password == null ? new byte[0] : password.reveal();
    byte[] user = (username + ":").getBytes(StandardCharsets.UTF_8);
    byte[] pair = new byte[user.length + secret.length];
    System.arraycopy(user, 0, pair, 0, user.length);
    System.arraycopy(secret, 0, pair, user.length, secret.length);
    java.util.Arrays.fill(secret, (byte) 0);
    return Base64.getEncoder().encodeToString(pair);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A parsed {@code WWW-Authenticate} header: lower-case scheme and its parameters. */
  record Challenge(String scheme, Map<String, String> params) {
    private static final Pattern PARAM =
        Pattern.compile("([A-Za-z_][\\w-]*)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^,\\s]*))");

    static Challenge parse(String header) {
      String text = header.trim();
      int space = text.indexOf(' ');
      String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
      Map<String, String> params = new LinkedHashMap<>();
      if (space > 0) {
        Matcher m = PARAM.matcher(text.substring(space + 1));
        while (m.find()) {
          String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
          params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
        }
      }
      return new Challenge(scheme, params);
    }

    String param(String name) {
      return params.get(name);
    }
  }
}
